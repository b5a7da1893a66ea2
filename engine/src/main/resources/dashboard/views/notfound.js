// The page's own not-found view: an unknown path (the server answered it with 404 and this page)
// or an unknown view after the #.

import {h} from '../dom.js';

export function mount(main, params) {
  main.append(
    h('div', {class: 'not-found', id: 'not-found'},
      h('h1', {}, 'Page not found'),
      h('p', {}, 'There is no page at ', h('code', {}, params.path ?? location.pathname), '.'),
      h('p', {}, 'The dashboard has these views: ',
        h('a', {href: '/#/'}, 'overview'), ', ',
        h('a', {href: '/#/issues'}, 'issues'), ', ',
        h('a', {href: '/#/conflicts'}, 'conflicts'), ' and ',
        h('a', {href: '/#/pulls'}, 'approvals & pull requests'), '. The JSON API is under ', h('code', {}, '/api/'), '.')));
  return {title: 'Not found', refresh: async () => {}};
}
