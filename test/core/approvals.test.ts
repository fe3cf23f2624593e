import { changeApprovers, isApprover, MAX_APPROVER_BYTES, NO_APPROVERS, parseEmailList, parseSignOffEntry, standingSignOffs, historyOf, type SignOffEntry } from '../../src/core/approvals';

describe('approver list', () => {
  test('normalises, de-duplicates and records who changed what', () => {
    const a = changeApprovers(NO_APPROVERS, [' Ana@Example.org ', 'bo@example.org', 'ana@example.org', ''], 'lead@example.org', '2026-01-01T00:00:00.000Z');
    expect(a.approvers).toEqual(['ana@example.org', 'bo@example.org']);
    expect(a.history).toEqual([{ at: '2026-01-01T00:00:00.000Z', by: 'lead@example.org', added: ['ana@example.org', 'bo@example.org'], removed: [] }]);
    const b = changeApprovers(a, ['bo@example.org', 'cy@example.org'], 'ana@example.org', '2026-01-02T00:00:00.000Z');
    expect(b.history[1]).toEqual({ at: '2026-01-02T00:00:00.000Z', by: 'ana@example.org', added: ['cy@example.org'], removed: ['ana@example.org'] });
    expect(changeApprovers(b, ['BO@example.org', 'cy@example.org'], 'x@example.org', 'later')).toBe(b);
    expect(isApprover(b, 'Cy@Example.org')).toBe(true);
    expect(isApprover(b, 'ana@example.org')).toBe(false);
    expect(isApprover(b, null)).toBe(false);
  });

  test('a line may hold several addresses, separated by commas or semicolons, "Name <address>" as mail programs copy them', () => {
    const a = changeApprovers(NO_APPROVERS, ['ana@example.org, Bo Ng <BO@example.org>; cy@example.org', '', 'dee@example.org,'], 'lead@example.org', 't1');
    expect(a.approvers).toEqual(['ana@example.org', 'bo@example.org', 'cy@example.org', 'dee@example.org']);
    expect(() => changeApprovers(NO_APPROVERS, ['ana@example.org, bob@', 'cy@example.org'], 'lead@example.org', 't1')).toThrow(
      'Mapspec did not save the approvers: this is not an email address — line 1: "bob@".',
    );
    // Subscribers stay one address per entry (each has its own mode).
    expect(() => parseEmailList(['ana@example.org, bo@example.org'], 'subscribers')).toThrow('line 1: "ana@example.org, bo@example.org"');
  });

  test('nobody can add their own address; keeping or removing it is fine', () => {
    const a = changeApprovers(NO_APPROVERS, ['ana@example.org'], 'lead@example.org', 't1');
    expect(() => changeApprovers(a, ['ana@example.org', ' Lead@Example.org '], 'LEAD@example.org', 't2')).toThrow(
      'Mapspec did not save the approvers: you cannot add your own address (lead@example.org). Another person must add you as an approver.',
    );
    const b = changeApprovers(a, ['ana@example.org', 'bo@example.org'], 'ana@example.org', 't3');
    expect(b.history[1]).toEqual({ at: 't3', by: 'ana@example.org', added: ['bo@example.org'], removed: [] });
    expect(changeApprovers(b, ['bo@example.org'], 'ana@example.org', 't4').approvers).toEqual(['bo@example.org']);
  });

  test('the history is trimmed, oldest first, until the stored JSON fits in 8 KB (UTF-8 bytes)', () => {
    // Long addresses in Thai script: each change is well over 200 bytes, so 40 changes pass 9 KB.
    const long = (i: number) => `${'ผู้อนุมัติ'.repeat(6)}${i}@example.org`;
    let s = NO_APPROVERS;
    for (let i = 0; i < 40; i++) s = changeApprovers(s, [long(i), long(i + 1000)], 'lead@example.org', `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`);
    const bytes = Buffer.byteLength(JSON.stringify(s), 'utf8');
    expect(bytes).toBeLessThanOrEqual(MAX_APPROVER_BYTES);
    expect(s.history.length).toBeGreaterThan(3);
    expect(s.history.length).toBeLessThan(40);
    // The newest change is kept; one more change would not fit.
    expect(s.history[s.history.length - 1]!.added).toEqual([long(39), long(1039)]);
    const withOlder = { ...s, history: [{ at: 'x', by: 'lead@example.org', added: [long(-1)], removed: [long(-2)] }, ...s.history] };
    expect(Buffer.byteLength(JSON.stringify(withOlder), 'utf8')).toBeGreaterThan(MAX_APPROVER_BYTES - 600);
  });

  test('a malformed address is named with its line and nothing changes', () => {
    expect(() => parseEmailList(['ok@example.org', 'bob@', 'a b@example.org'], 'approvers')).toThrow(
      'Mapspec did not save the approvers: these are not email addresses — line 2: "bob@"; line 3: "a b@example.org".',
    );
    expect(() => changeApprovers(NO_APPROVERS, ['<img src=x>@x.org'], 'a@b.org', 't')).toThrow(/line 1/);
  });
});

describe('sign-off log', () => {
  const entry = (n: number, subject: string, action: SignOffEntry['action'], by = 'ana@example.org'): SignOffEntry => ({ n, subject, action, by, at: `t${n}`, comment: '' });

  test('a withdrawal ends the standing sign-off but stays in the history', () => {
    const log = [entry(1, 'task:T1', 'sign-off'), entry(2, 'task:T2', 'sign-off'), entry(3, 'task:T1', 'withdraw', 'bo@example.org'), entry(4, 'version:2', 'approve')];
    const standing = standingSignOffs(log);
    expect([...standing.keys()].sort()).toEqual(['task:T2', 'version:2']);
    expect(historyOf(log, 'task:T1').map((e) => e.action)).toEqual(['sign-off', 'withdraw']);
  });

  test('stored entries are parsed defensively', () => {
    expect(parseSignOffEntry({ n: 1, subject: 'task:T1', action: 'forge', by: 'a', at: 't' })).toBeNull();
    expect(parseSignOffEntry('nope')).toBeNull();
    expect(parseSignOffEntry({ n: 2, subject: 'task:1.1', action: 'sign-off', by: 'a', at: 't', task: 'Write jobs', phase: 'Build' })).toMatchObject({ task: 'Write jobs', phase: 'Build' });
    expect(parseSignOffEntry({ n: 1, subject: 'task:T1', action: 'sign-off', by: 'a', at: 't', requestId: 7 })).toEqual({ n: 1, subject: 'task:T1', action: 'sign-off', by: 'a', at: 't', comment: '' });
  });
});
