// The console's shell: navigation by the URL's hash (#/books, #/stats?book=…), pages shown
// according to the caller's roles, and the account bar.
import {html, nothing, render} from '../../webjars/lit-html/lit-html.js';
import {onSessionChange, session, hasAnyRole, signOut} from './session.js';
import * as signIn from './pages/signin.js';
import * as books from './pages/books.js';
import * as book from './pages/book.js';
import * as codes from './pages/codes.js';
import * as timeline from './pages/timeline.js';
import * as stats from './pages/stats.js';
import * as operations from './pages/operations.js';
import * as myCoupons from './pages/my-coupons.js';

/** The pages in menu order, with the roles the API lets use them. */
const PAGES = [
    {path: 'books', label: 'Books', roles: ['ADMIN', 'ANALYST'], page: books, detail: book},
    {path: 'codes', label: 'Codes', roles: ['ADMIN'], page: codes},
    {path: 'timeline', label: 'Timeline', roles: ['ADMIN', 'AUDITOR'], page: timeline},
    {path: 'stats', label: 'Stats', roles: ['ADMIN', 'ANALYST'], page: stats},
    {path: 'operations', label: 'Operations', roles: ['ADMIN', 'AUDITOR'], page: operations},
    {path: 'my-coupons', label: 'My coupons', roles: ['USER'], page: myCoupons},
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
let leave = new AbortController();
let signOutReason = null;
let firstRoute = true;

function route() {
    const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
    const [path, search = ''] = hash.split('?');
    const [name = '', id = null] = path.split('/').map(decoded);
    leave.abort();
    leave = new AbortController();
    const caller = session();
    drawChrome(caller, name);
    const context = {id, params: new URLSearchParams(search), signal: leave.signal};
    if (!caller) {
        show('Sign in', root => signIn.show(root, {...context, reason: signOutReason}));
        return;
    }
    signOutReason = null;
    const allowed = PAGES.filter(page => hasAnyRole(page.roles));
    const wanted = PAGES.find(page => page.path === name);
    if (!wanted) {
        if ((name === '' || name === 'signin') && allowed.length) {
            location.replace(`#/${allowed[0].path}`);
            return;
        }
        if (name === '' || name === 'signin') {
            show('Nothing to show', root => message(root, 'Nothing to show', 'This console has no page for your roles.'));
            return;
        }
        show('Page not found', root => message(root, 'Page not found', 'There is no console page at this address.'));
        return;
    }
    if (!hasAnyRole(wanted.roles)) {
        show('Not available', root => message(root, 'Not available for your role',
            `The ${wanted.label} page is for ${wanted.roles.join(', ')}; you are signed in as ${caller.roles.join(', ') || 'no role'}.`));
        return;
    }
    const page = id !== null && wanted.detail ? wanted.detail : wanted.page;
    show(wanted.label, root => page.show(root, context));
}

/** A path segment as typed; a stray '%' in an edited address is kept rather than breaking the page. */
function decoded(part) {
    try {
        return decodeURIComponent(part);
    } catch (error) {
        return part;
    }
}

/**
 * Renders a page into a fresh element (so nothing of the last page's templates stays) and, after
 * a navigation, moves the focus to its heading for screen readers.
 */
function show(title, draw) {
    const root = document.createElement('div');
    main.replaceChildren(root);
    draw(root);
    document.title = `${title} · Coupon Book Console`;
    if (!firstRoute) {
        const heading = main.querySelector('h1');
        (heading || main).focus();
    }
    firstRoute = false;
}

function message(root, title, text) {
    render(html`<h1 tabindex="-1">${title}</h1><p>${text}</p>`, root);
}

function drawChrome(caller, current) {
    render(caller ? html`
        <ul>
            ${PAGES.filter(page => hasAnyRole(page.roles)).map(page => html`
                <li><a href=${`#/${page.path}`} aria-current=${page.path === current ? 'page' : 'false'}>${page.label}</a></li>`)}
        </ul>` : nothing, nav);
    render(caller ? html`
        <span class="who">Signed in as <strong data-testid="subject" title=${caller.subject}>${caller.subject}</strong>
            <span class="roles" data-testid="roles">${caller.roles.join(', ') || 'no role'}</span></span>
        <button type="button" class="secondary" @click=${() => signOut('You signed out.')}>Sign out</button>` : nothing, account);
}

onSessionChange(reason => {
    signOutReason = reason;
    route();
});
window.addEventListener('hashchange', route);
document.getElementById('skip-link').addEventListener('click', event => {
    // The hash drives the pages, so the skip link moves the focus itself.
    event.preventDefault();
    (main.querySelector('h1') || main).focus();
});
route();
