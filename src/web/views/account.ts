// The user's own account page (the weekly digest opt-in) and the admin's list of who receives the digest.
import { html } from 'hono/html';
import type { Recipient, SkippedRecipient } from '../../digest/recipients.ts';
import { badge, csrfField, type Html } from './layout.ts';

export interface AccountView {
  email: string;
  role: string;
  digestOptIn: boolean;
  /** digest.yaml `opted_in_users`: when false, no user's opt-in is mailed. */
  optedInUsers: boolean;
  /** The account's address is a documentation placeholder that is never mailed. */
  placeholder: boolean;
  csrf: string;
}

/** The account page body: who you are and a form to turn the weekly digest on or off. */
export function accountBody(o: AccountView): Html {
  const next = o.digestOptIn ? 'off' : 'on';
  return html`<section class="card account">
  <h2>Your account</h2>
  <p>${o.email} ${badge(o.role)}</p>
</section>
<section class="card digest-opt-in">
  <h2>Weekly digest</h2>
  <p id="digest-state">The weekly digest of approved events is <strong>${o.digestOptIn ? 'on' : 'off'}</strong> for ${o.email}.</p>
  <form method="post" action="/account/digest">${csrfField(o.csrf)}<input type="hidden" name="digest" value="${next}">
    <button class="${o.digestOptIn ? '' : 'primary'}" id="digest-toggle">${o.digestOptIn ? 'Stop sending me the digest' : 'Send me the weekly digest'}</button></form>
  ${o.optedInUsers ? '' : html`<p class="muted" id="digest-disabled-note">digest.yaml has <code>opted_in_users: false</code>: no opted-in account is mailed until an admin sets it to true.</p>`}
  ${o.placeholder ? html`<p class="muted">Your address is at a documentation domain (example.com, example.org, example.net): the digest is never sent to it.</p>` : ''}
</section>`;
}

/** The admin's view of one week's recipients: who gets it, from where, and who is skipped and why. */
export function recipientsBody(o: { week: string; recipients: Recipient[]; skipped: SkippedRecipient[]; optedInUsers: boolean; optedIn: Array<{ email: string; disabled: boolean }> }): Html {
  return html`<section class="card"><h2>Who receives the digest of ${o.week}</h2>
<table class="recipients"><thead><tr><th>Address</th><th>From</th><th>State</th></tr></thead>
<tbody>${o.recipients.map((r) => html`<tr><td>${r.email}</td><td>${r.source === 'config' ? 'digest.yaml' : 'opted-in user'}</td><td>${badge('approved', 'receives it')}</td></tr>`)}
${o.skipped.map((r) => html`<tr><td>${r.email}</td><td>${r.source === 'config' ? 'digest.yaml' : 'opted-in user'}</td><td>${badge('rejected', 'skipped')} <small>${r.reason}</small></td></tr>`)}</tbody></table>
${o.recipients.length === 0 ? html`<p class="empty">Nobody receives the digest: add addresses to digest.yaml or let users opt in on their account page.</p>` : ''}
<p class="muted">${o.optedInUsers
    ? html`Accounts that opted in receive it (<code>opted_in_users: true</code> in digest.yaml); accounts are off until their user turns the digest on.`
    : html`<code>opted_in_users: false</code> in digest.yaml: opted-in accounts (${o.optedIn.filter((u) => !u.disabled).length}) are not mailed.`}</p>
</section>`;
}
