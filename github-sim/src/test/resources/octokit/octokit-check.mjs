// Drives the GitHub simulator with Octokit, a client nobody on this team wrote, and prints what happened
// as one JSON object on stdout. Inputs come from the environment: SIM_BASE_URL, SIM_TOKEN, SIM_OWNER, SIM_REPO.
import { Octokit } from "@octokit/rest";
import { throttling } from "@octokit/plugin-throttling";

const { SIM_BASE_URL, SIM_TOKEN, SIM_OWNER, SIM_REPO } = process.env;
const secondaryLimitHits = [];
const primaryLimitHits = [];
const ThrottledOctokit = Octokit.plugin(throttling);
const octokit = new ThrottledOctokit({
  auth: SIM_TOKEN,
  baseUrl: SIM_BASE_URL,
  log: { debug() {}, info() {}, warn() {}, error() {} },
  throttle: {
    onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
      secondaryLimitHits.push({ retryAfter, method: options.method, url: options.url, retryCount });
      return retryCount < 3;
    },
    onRateLimit: (retryAfter, options, _octokit, retryCount) => {
      primaryLimitHits.push({ retryAfter, method: options.method, url: options.url, retryCount });
      return false;
    },
  },
});

const owner = SIM_OWNER;
const repo = SIM_REPO;
const listed = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: "all", per_page: 10 });
const created = await octokit.rest.issues.create({ owner, repo, title: "Made by Octokit", body: "hello", labels: ["octokit"] });
const started = Date.now();
const updated = await octokit.rest.issues.update({
  owner, repo, issue_number: created.data.number, title: "Updated by Octokit", state: "closed", state_reason: "completed",
});
const updateMillis = Date.now() - started;
const fetched = await octokit.rest.issues.get({ owner, repo, issue_number: created.data.number });
let notModified = null;
try {
  await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner, repo, issue_number: created.data.number, headers: { "if-none-match": fetched.headers.etag },
  });
  notModified = false;
} catch (e) {
  notModified = e.status === 304;
}
console.log(JSON.stringify({
  listedCount: listed.length,
  listedNumbers: listed.map((i) => i.number),
  createdStatus: created.status,
  createdNumber: created.data.number,
  updatedStatus: updated.status,
  updatedTitle: updated.data.title,
  updatedState: updated.data.state,
  updateMillis,
  notModified,
  secondaryLimitHits,
  primaryLimitHits,
}));
