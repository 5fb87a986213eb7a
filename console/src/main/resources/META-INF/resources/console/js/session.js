// The caller's token lives in this module's memory only: never in localStorage, sessionStorage or
// a cookie, so closing or reloading the tab signs out and no other page can read it.
const listeners = new Set();
let current = null;
let expiryTimer = null;

/** The signed-in caller, or null: {token, subject, roles, expiresAt}. */
export function session() {
    return current;
}

/** True when the caller holds at least one of the roles. */
export function hasAnyRole(roles) {
    return current !== null && roles.some(role => current.roles.includes(role));
}

/**
 * Keeps a bearer token after reading its claims. The console reads the roles only to choose what
 * to show; the API checks the signature and the roles on every request.
 */
export function signIn(token) {
    const claims = readClaims(token);
    const roles = Array.isArray(claims.roles) ? claims.roles
        : typeof claims.roles === 'string' ? claims.roles.split(/[\s,]+/) : [];
    current = {
        token,
        subject: typeof claims.sub === 'string' ? claims.sub : '(unknown)',
        roles: roles.map(role => String(role).replace(/^ROLE_/, '').toUpperCase()).filter(Boolean),
        expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
    clearTimeout(expiryTimer);
    if (current.expiresAt) {
        // Timers beyond 2^31 ms fire at once; a token that long-lived is checked by the API anyway.
        const left = Math.min(current.expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
        expiryTimer = setTimeout(() => signOut('Your token expired; sign in again.'), Math.max(left, 0));
    }
    notify(null);
    return current;
}

export function signOut(reason = null) {
    clearTimeout(expiryTimer);
    current = null;
    notify(reason);
}

/** Calls {@code listener(reason)} whenever the caller signs in or out. */
export function onSessionChange(listener) {
    listeners.add(listener);
}

function notify(reason) {
    listeners.forEach(listener => listener(reason));
}

/** The payload of a JWT (header.payload.signature, base64url); throws when the token is not one. */
function readClaims(token) {
    const parts = token.split('.');
    if (parts.length !== 3) {
        throw new Error('This is not a JSON Web Token (three parts separated by dots).');
    }
    try {
        const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), c => c.charCodeAt(0));
        return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
        throw new Error('The token\'s claims cannot be read.');
    }
}
