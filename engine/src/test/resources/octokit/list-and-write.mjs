// The plain script SpeedBenchmark compares roadmap-sync with: list every issue of a repository with
// Octokit, 100 a page, and write one Markdown file per issue. Inputs from the environment:
// SIM_BASE_URL, SIM_TOKEN, SIM_OWNER, SIM_REPO, OUT_DIR. Prints {"issues", "pages", "cpuSeconds"} on stdout.
import { Octokit } from "@octokit/rest";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const { SIM_BASE_URL, SIM_TOKEN, SIM_OWNER, SIM_REPO, OUT_DIR } = process.env;
const octokit = new Octokit({ auth: SIM_TOKEN, baseUrl: SIM_BASE_URL, log: { debug() {}, info() {}, warn() {}, error() {} } });
await mkdir(OUT_DIR, { recursive: true });
let issues = 0;
let pages = 0;
for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
  owner: SIM_OWNER, repo: SIM_REPO, state: "all", per_page: 100,
})) {
  pages++;
  await Promise.all(page.data.map((issue) => {
    issues++;
    const labels = issue.labels.map((l) => (typeof l === "string" ? l : l.name));
    const text = `---\ntitle: ${JSON.stringify(issue.title)}\nstate: ${issue.state}\nlabels: ${JSON.stringify(labels)}\n`
      + `github_issue: ${issue.number}\nupdated: '${issue.updated_at}'\n---\n\n${issue.body ?? ""}\n`;
    return writeFile(join(OUT_DIR, `${issue.number}.md`), text);
  }));
}
const cpu = process.cpuUsage();
console.log(JSON.stringify({ issues, pages, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
