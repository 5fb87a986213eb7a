// The fields of a book's terms, shared by the new-book form and the edit form.
import {html} from '../ui.js';

/** Form fields for terms; ids start with {@code prefix}, values come from {@code terms} when editing. */
export function termsFields(prefix, terms) {
    const t = terms || {};
    const id = name => `${prefix}-${name}`;
    return html`
        <div class="form-grid">
            <div class="field wide">
                <label for=${id('name')}>Name</label>
                <input id=${id('name')} name="name" required maxlength="200" .value=${t.name || ''}>
            </div>
            <div class="field wide">
                <label for=${id('description')}>Description</label>
                <textarea id=${id('description')} name="description" rows="2" maxlength="2000" .value=${t.description || ''}></textarea>
            </div>
            <div class="field">
                <label for=${id('start')}>Starts (UTC, optional)</label>
                <input id=${id('start')} name="startDate" type="datetime-local" .value=${local(t.startDate)}>
            </div>
            <div class="field">
                <label for=${id('end')}>Ends (UTC, optional, excluded)</label>
                <input id=${id('end')} name="endDate" type="datetime-local" .value=${local(t.endDate)}>
            </div>
            <div class="field">
                <label for=${id('max-codes')}>Codes per user (empty: unlimited)</label>
                <input id=${id('max-codes')} name="maxCodesPerUser" type="number" min="1" step="1" .value=${t.maxCodesPerUser ?? ''}>
            </div>
            <div class="field">
                <label for=${id('max-redemptions')}>Redemptions per user (empty: unlimited)</label>
                <input id=${id('max-redemptions')} name="maxRedemptionsPerUser" type="number" min="1" step="1" .value=${t.maxRedemptionsPerUser ?? ''}>
            </div>
            <div class="field">
                <label for=${id('pattern')}>Code pattern for generation (optional)</label>
                <input id=${id('pattern')} name="codePattern" maxlength="100" placeholder="#{10}" spellcheck="false" .value=${t.codePattern || ''}>
            </div>
            <div class="field check">
                <input id=${id('multiple')} name="allowMultipleRedemptions" type="checkbox" .checked=${Boolean(t.allowMultipleRedemptions)}>
                <label for=${id('multiple')}>A coupon may be redeemed more than once</label>
            </div>
        </div>`;
}

/**
 * The request body of a form made with {@link termsFields}: every filled field, or (editing) only
 * those that differ from {@code original}.
 */
export function termsFrom(form, original) {
    const fields = form.elements;
    const values = {
        name: fields.name.value.trim(),
        description: fields.description.value.trim(),
        startDate: instant(fields.startDate.value),
        endDate: instant(fields.endDate.value),
        maxCodesPerUser: number(fields.maxCodesPerUser.value),
        maxRedemptionsPerUser: number(fields.maxRedemptionsPerUser.value),
        codePattern: fields.codePattern.value.trim(),
    };
    const body = {};
    Object.entries(values).forEach(([name, value]) => {
        if (value !== '' && value !== null && (!original || !same(original[name], value))) {
            body[name] = value;
        }
    });
    const multiple = fields.allowMultipleRedemptions.checked;
    if (!original || Boolean(original.allowMultipleRedemptions) !== multiple) {
        body.allowMultipleRedemptions = multiple;
    }
    return body;
}

/** The console reads and writes times in UTC, like the API, so an input's value is a UTC time. */
function local(iso) {
    return iso ? new Date(iso).toISOString().slice(0, 16) : '';
}

function instant(value) {
    return value ? new Date(`${value.length === 16 ? `${value}:00` : value}Z`).toISOString() : null;
}

function number(value) {
    return value === '' ? null : Number(value);
}

function same(before, after) {
    if (typeof after === 'string' && /^\d{4}-\d\d-\d\dT/.test(after) && before) {
        return new Date(before).getTime() === new Date(after).getTime();
    }
    return before === after;
}
