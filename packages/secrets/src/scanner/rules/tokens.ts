import type { ScanRule } from '../rule-types.js';
import { decodeJwt, isValidGithubToken, looksRandom, supabaseRole } from '../validators.js';

/** Not preceded / followed by a token character. */
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

/** @internal */
export const githubClassic: ScanRule = {
  id: 'github-token',
  category: 'github',
  severity: 'critical',
  description:
    'GitHub token (classic PAT, OAuth, user-to-server, server-to-server or refresh) with a valid CRC-32 checksum',
  needles: [],
  prefilter: /gh[pousr]_/,
  // 36 characters today; GitHub reserves room for longer tokens (up to 255 in all), checksum still last.
  pattern: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36,251})${E}`, 'g'),
  visiblePrefix: 4,
  validate: (v) => (isValidGithubToken(v) ? {} : false),
};

/** @internal */
export const githubFineGrained: ScanRule = {
  id: 'github-fine-grained-pat',
  category: 'github',
  severity: 'critical',
  description: 'GitHub fine-grained personal access token (github_pat_ and 82 characters)',
  needles: ['github_pat_'],
  pattern: new RegExp(`${B}(github_pat_[A-Za-z0-9_]{82})${E}`, 'g'),
  visiblePrefix: 11,
  validate: (v) => (looksRandom(v.slice(11).replaceAll('_', ''), 4) ? {} : false),
};

/** @internal */
export const anthropic: ScanRule = {
  id: 'anthropic-api-key',
  category: 'anthropic',
  severity: 'critical',
  description:
    'Anthropic API or admin key (sk-ant-apiNN- / sk-ant-adminNN-, 93 characters, AA suffix) or OAuth token',
  needles: ['sk-ant-'],
  pattern: new RegExp(
    `${B}(sk-ant-(?:api|admin)\\d\\d-[A-Za-z0-9_-]{93}AA|sk-ant-o[ar]t\\d\\d-[A-Za-z0-9_-]{40,300})${E}`,
    'g',
  ),
  visiblePrefix: 13,
  validate: (v) => {
    const body = v.slice(v.indexOf('-', 7) + 1);
    const random = looksRandom(v.endsWith('AA') ? body.slice(0, -2) : body, 4);
    if (!random) return false;
    return /^sk-ant-o[ar]t/.test(v) ? { message: 'Anthropic OAuth access or refresh token' } : {};
  },
};

/** @internal */
export const perplexity: ScanRule = {
  id: 'perplexity-api-key',
  category: 'perplexity',
  severity: 'critical',
  description: 'Perplexity AI API key (pplx- and 48 alphanumerics)',
  needles: ['pplx-'],
  pattern: new RegExp(`${B}(pplx-[A-Za-z0-9]{48})${E}`, 'g'),
  visiblePrefix: 5,
  validate: (v) => (looksRandom(v.slice(5), 3.8) ? {} : false),
};

/** @internal */
export const supabaseAccessToken: ScanRule = {
  id: 'supabase-access-token',
  category: 'supabase',
  severity: 'critical',
  description: 'Supabase personal access token (sbp_ and 40 hex digits)',
  needles: ['sbp_'],
  pattern: new RegExp(`${B}(sbp_[a-f0-9]{40})${E}`, 'g'),
  visiblePrefix: 4,
  validate: (v) => (looksRandom(v.slice(4), 3.2) ? {} : false),
};

/** @internal */
export const supabaseSecretKey: ScanRule = {
  id: 'supabase-secret-key',
  category: 'supabase',
  severity: 'critical',
  description: 'Supabase secret API key (sb_secret_...), bypasses row-level security',
  needles: ['sb_secret_'],
  pattern: new RegExp(`${B}(sb_secret_[A-Za-z0-9_-]{20,80})${E}`, 'g'),
  visiblePrefix: 10,
  validate: (v) => (looksRandom(v.slice(10), 3.5) ? {} : false),
};

// A JSON object encodes to `ey` (`{"`, `{ `) or `ew` (`{` and a line break); padding is tolerated.
const SEGMENT = 'e[wy][A-Za-z0-9_-]{8,}={0,2}';
const JWT_BODY = `${SEGMENT}\\.${SEGMENT}(?:\\.[A-Za-z0-9_-]{16,}={0,2})?(?![A-Za-z0-9_-])`;
const JWT_STARTS = ['eyJ', 'eyA', 'ewo', 'ew0', 'ewk'] as const;
const JWT_AT = new RegExp(JWT_BODY, 'y');

/** Finds JWTs by jumping between the possible first characters of a JSON header instead of trying every `e`. */
function locateJwts(text: string): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  for (const start of JWT_STARTS) {
    for (let i = text.indexOf(start); i >= 0; i = text.indexOf(start, i + 3)) {
      if (i > 0 && /[A-Za-z0-9_-]/.test(text[i - 1] ?? '')) continue;
      JWT_AT.lastIndex = i;
      const m = JWT_AT.exec(text);
      if (m !== null) out.push({ value: m[0], index: i });
    }
  }
  out.sort((a, b) => a.index - b.index);
  let end = 0;
  return out.filter((hit) => {
    if (hit.index < end) return false; // a later segment of a token already found
    end = hit.index + hit.value.length;
    return true;
  });
}

/** @internal */
export const jwt: ScanRule = {
  id: 'jwt',
  category: 'jwt',
  severity: 'medium',
  description: 'JSON Web Token (header decodes with an alg); Supabase keys classified by their role claim',
  needles: [],
  prefilter: /e(?:y[JA]|w[o0k])/,
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(${JWT_BODY})`, 'g'),
  locate: locateJwts,
  visiblePrefix: 6,
  validate: (v) => {
    const decoded = decodeJwt(v);
    if (decoded === undefined) return false;
    const role = supabaseRole(decoded);
    if (role === 'service_role') {
      return {
        ruleId: 'supabase-service-role-jwt',
        category: 'supabase',
        severity: 'critical',
        message: 'Supabase service_role key (JWT): full database access, bypasses row-level security',
      };
    }
    if (role === 'anon') {
      return {
        ruleId: 'supabase-anon-jwt',
        category: 'supabase',
        severity: 'low',
        message: 'Supabase anon key (JWT): public by design, but should come from configuration',
      };
    }
    const unsigned = v.split('.').length === 2 ? ', unsigned' : '';
    return { message: `JSON Web Token (alg ${decoded.header.alg}${unsigned})` };
  },
};
