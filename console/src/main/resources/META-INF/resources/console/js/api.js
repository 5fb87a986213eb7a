// The one way the console talks to the service: its public REST API, with the caller's token.
import {session, signOut} from './session.js';

const API = new URL('../../api/v1', import.meta.url).pathname;

/** A refused or failed request; {@code code} is the problem document's stable code. */
class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `The service answered ${status}.`);
        this.status = status;
        this.code = problem.code || null;
        this.problem = problem;
    }
}

function call(method, path, {body, contentType = 'application/json', accept = 'application/json', signal} = {}) {
    const headers = {Accept: accept};
    const caller = session();
    if (caller) {
        headers.Authorization = `Bearer ${caller.token}`;
    }
    let payload;
    if (body !== undefined) {
        headers['Content-Type'] = contentType;
        payload = contentType === 'application/json' ? JSON.stringify(body) : body;
    }
    return fetch(API + path, {method, headers, body: payload, signal, cache: 'no-store'})
        .then(async response => answer(response.status, response.headers.get('Content-Type'), await response.text()),
            error => {
                if (error.name === 'AbortError') {
                    throw error;
                }
                throw new ApiError(0, {code: 'NETWORK', detail: `The service did not answer (${error.message}).`});
            });
}

export const get = (path, options) => call('GET', path, options);
export const post = (path, body = {}, options) => call('POST', path, {...options, body});
export const patch = (path, body, options) => call('PATCH', path, {...options, body});

/**
 * Sends a file as the request body and reports the bytes sent; fetch cannot tell upload progress,
 * XMLHttpRequest can.
 */
export function upload(path, file, contentType, onProgress) {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('POST', API + path);
        request.setRequestHeader('Accept', 'application/json');
        request.setRequestHeader('Content-Type', contentType);
        const caller = session();
        if (caller) {
            request.setRequestHeader('Authorization', `Bearer ${caller.token}`);
        }
        request.upload.addEventListener('progress', event => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
        request.addEventListener('load', () => {
            try {
                resolve(answer(request.status, request.getResponseHeader('Content-Type'), request.responseText));
            } catch (error) {
                reject(error);
            }
        });
        request.addEventListener('error', () => reject(new ApiError(0, {code: 'NETWORK', detail: 'The upload was cut off.'})));
        request.send(file);
    });
}

/**
 * Asks the resource at {@code path} for a single-use download ticket and lets the browser fetch the file by
 * navigation, so it streams to disk rather than into this page's memory; the ticket, not the token, is in the URL.
 */
export async function download(path, filename) {
    const ticket = await post(path, {});
    const link = document.createElement('a');
    link.href = ticket.url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
}

/** A query string of the parameters that have a value. */
export function query(parameters) {
    const search = new URLSearchParams();
    Object.entries(parameters).forEach(([name, value]) => {
        if (value !== undefined && value !== null && value !== '') {
            search.set(name, value);
        }
    });
    const text = search.toString();
    return text ? `?${text}` : '';
}

/** A path segment, escaped: codes and ids may hold characters with a meaning in URLs. */
export const segment = value => encodeURIComponent(value);

function answer(status, type, text) {
    const json = text && type && type.includes('json') ? parse(text) : null;
    if (status >= 200 && status < 300) {
        return json ?? text;
    }
    if (status === 401 && session()) {
        signOut('The service no longer accepts your token (expired or revoked); sign in again.');
    }
    throw new ApiError(status, json ?? {detail: text || `The service answered ${status}.`});
}

function parse(text) {
    try {
        return JSON.parse(text);
    } catch (e) {
        return null;
    }
}
