// Sign in with the built-in identity (email and password) or with a token from another identity provider.
import {html, nothing, view, alert} from '../ui.js';
import {get, post} from '../api.js';
import {signIn} from '../session.js';

export function show(root, {reason}) {
    const page = view(root, template, {busy: false, error: null, reason});

    async function withPassword(event) {
        event.preventDefault();
        const form = new FormData(event.target);
        page.set({busy: true, error: null, reason: null});
        try {
            const answer = await post('/auth/token', {email: form.get('email'), password: form.get('password')});
            signIn(answer.access_token);
        } catch (error) {
            page.set({busy: false, error: error.code === 'TOKENS_ISSUED_ELSEWHERE'
                ? new Error('This service takes tokens from an external identity provider: paste one below.') : error});
        }
    }

    async function withToken(event) {
        event.preventDefault();
        const token = new FormData(event.target).get('token').trim();
        page.set({busy: true, error: null, reason: null});
        try {
            signIn(token);
            // Any signed-in account may read its own coupons: a cheap check that the API accepts the token.
            await get('/me/coupons?size=1');
        } catch (error) {
            page.set({busy: false, error});
        }
    }

    function template({busy, error, reason}) {
        return html`
            <h1 tabindex="-1">Sign in</h1>
            ${reason ? html`<p class="notice" role="status">${reason}</p>` : nothing}
            ${alert(error)}
            <div class="columns">
                <form class="card" @submit=${withPassword} aria-labelledby="password-title">
                    <h2 id="password-title">With email and password</h2>
                    <label for="email">Email</label>
                    <input id="email" name="email" type="email" autocomplete="username" required maxlength="320">
                    <label for="password">Password</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
                    <button type="submit" ?disabled=${busy}>Sign in</button>
                </form>
                <form class="card" @submit=${withToken} aria-labelledby="token-title">
                    <h2 id="token-title">With a token</h2>
                    <label for="token">Bearer token (JWT) from your identity provider</label>
                    <textarea id="token" name="token" rows="5" required spellcheck="false" autocomplete="off"></textarea>
                    <button type="submit" ?disabled=${busy}>Use this token</button>
                </form>
            </div>
            <p class="muted">The token is kept in this tab's memory only: reloading or closing the tab signs you out.</p>`;
    }
}
