// The signed-in user's account page (GET /account, POST /account/digest: the weekly digest opt-in) and the admin's
// list of who receives the digest (GET /digest/recipients). Forms carry the session's CSRF token (requireCsrf).
import { Hono } from 'hono';
import { asc, eq } from 'drizzle-orm';
import { setDigestOptInById } from '../../auth/users.ts';
import { users } from '../../db/schema.ts';
import { loadDigestConfig, type DigestConfig } from '../../digest/config.ts';
import { isPlaceholderAddress, recipientList } from '../../digest/recipients.ts';
import { defaultWeek } from '../../digest/send.ts';
import { formatWeek, parseWeek } from '../../digest/week.ts';
import { InputError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';
import { sessionOf } from '../env.ts';
import { requireAdmin } from '../security.ts';
import { accountBody, recipientsBody } from '../views/account.ts';
import { page } from '../views/layout.ts';

const NOTICES: Record<string, string> = { digest_on: 'The weekly digest is on for your account.', digest_off: 'The weekly digest is off for your account.' };

/** Routes: GET /account, POST /account/digest, GET /digest/recipients (admins). */
export function accountRoutes(configDir?: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let config: DigestConfig | null = null;
  const settings = () => (config ??= loadDigestConfig(configDir));

  app.get('/account', async (c) => {
    const s = sessionOf(c);
    const [me] = await c.get('deps').db.select({ digestOptIn: users.digestOptIn }).from(users).where(eq(users.id, s.user.id));
    return c.html(page({
      title: 'Account', user: s.user, csrfToken: s.csrfToken, notice: NOTICES[c.req.query('done') ?? ''] ?? null,
      body: accountBody({
        email: s.user.email, role: s.user.role, digestOptIn: me?.digestOptIn ?? false, optedInUsers: settings().optedInUsers,
        placeholder: isPlaceholderAddress(s.user.email), csrf: s.csrfToken,
      }),
    }));
  });

  app.post('/account/digest', async (c) => {
    const body = await c.req.parseBody();
    const choice = body.digest;
    if (choice !== 'on' && choice !== 'off') throw new InputError('digest: expected "on" or "off"');
    await setDigestOptInById(c.get('deps').db, sessionOf(c).user.id, choice === 'on');
    return c.redirect(`/account?done=digest_${choice}`, 303);
  });

  app.get('/digest/recipients', requireAdmin, async (c) => {
    const s = sessionOf(c);
    const cfg = settings();
    const raw = c.req.query('week');
    let week: string;
    try {
      week = raw ? formatWeek(parseWeek(raw)) : defaultWeek(cfg);
    } catch (err) {
      throw new InputError(`week "${(raw ?? '').slice(0, 20)}" is not an ISO week such as 2025-W14`, { cause: err });
    }
    const db = c.get('deps').db;
    const { recipients, skipped } = await recipientList(db, cfg);
    const optedIn = await db.select({ email: users.email, disabled: users.disabled }).from(users).where(eq(users.digestOptIn, true)).orderBy(asc(users.id));
    return c.html(page({
      title: 'Digest recipients', user: s.user, csrfToken: s.csrfToken, nav: 'digest',
      body: recipientsBody({ week, recipients, skipped, optedInUsers: cfg.optedInUsers, optedIn }),
    }));
  });
  return app;
}
