import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schoolListQuery, schoolListView, schoolsListed, type ListedSchool } from './school-list.ts';

// The indicator page's list of an LA's schools (issue 19.5): filtered by district and phase, sorted, 50 a page.
const thanet = { code: 'E07000114', name: 'Thanet' };
const dover = { code: 'E07000108', name: 'Dover' };

/** A school as the comparison service lists it; the test overrides only what it is about. */
const school = (code: string, over: Partial<ListedSchool> = {}): ListedSchool => ({
  kind: 'school',
  code,
  name: `School ${code}`,
  value: 50,
  symbol: null,
  decimalPlaces: 0,
  district: thanet,
  phase: 'primary',
  ...over,
});

const comparison = (schools: readonly ListedSchool[]) => ({
  indicator: { code: 'ks2-expected-rwm', polarity: 'higher_is_better' as const },
  focus: { schools },
});
const base = new URLSearchParams({ period: '201718', breakdown: 'all' });
const asked = (query: Record<string, string>) => schoolListQuery.parse(query);

describe('the indicator page’s list of schools', () => {
  // 120 schools, best first as the service gives them: every third in Dover, every fifth a secondary.
  const schools = Array.from({ length: 120 }, (_, i) =>
    school(String(100000 + i), { value: 120 - i, district: i % 3 === 0 ? dover : thanet, phase: i % 5 === 0 ? 'secondary' : 'primary' }),
  );

  it('shows 50 a page, says which, and pages on with links that keep the page’s choices and the filters', () => {
    const first = schoolListView(comparison(schools), asked({}), base);
    assert.equal(first.schools.length, 50);
    assert.equal(first.showing, 'Showing 1 to 50 of 120 schools');
    assert.equal(first.caption, 'Schools 1 to 50 of 120');
    assert.deepEqual(
      first.pagination?.items.map((i) => ('number' in i ? [i.number, i.current] : '…')),
      [
        ['1', true],
        ['2', false],
        ['3', false],
      ],
    );
    assert.equal(first.pagination?.next?.href, '/indicators/ks2-expected-rwm?period=201718&breakdown=all&page=2#schools');
    assert.equal(first.pagination?.previous, undefined);

    const narrowed = schoolListView(comparison(schools), asked({ district: 'E07000114', phase: 'primary', sort: 'name', page: '2' }), base);
    // Thanet's primaries: i not a multiple of 3 nor of 5, 0-119: 120 − 40 − 24 + 8 = 64.
    assert.equal(narrowed.matching, 64);
    assert.equal(narrowed.showing, 'Showing 51 to 64 of 64 schools');
    assert.deepEqual(narrowed.filtersOn, ['district Thanet', 'primary schools']);
    assert.equal(
      narrowed.pagination?.previous?.href,
      '/indicators/ks2-expected-rwm?period=201718&breakdown=all&district=E07000114&phase=primary&sort=name#schools',
    );
    assert.ok(narrowed.schools.every((s) => s.district?.code === thanet.code && s.phase === 'primary'));
    assert.equal(narrowed.clearHref, '/indicators/ks2-expected-rwm?period=201718&breakdown=all&sort=name#schools');
  });

  it('gives its downloads every school the filters leave, not the page shown', () => {
    const view = schoolListView(comparison(schools), asked({ phase: 'secondary', page: '1' }), base);
    assert.equal(view.downloads.csv, '/indicators/ks2-expected-rwm/schools.csv?period=201718&breakdown=all&phase=secondary');
    assert.equal(view.downloads.xlsx, '/indicators/ks2-expected-rwm/schools.xlsx?period=201718&breakdown=all&phase=secondary');
    // The download reads the same query: 24 secondaries (every fifth of 120), on one page or several.
    assert.equal(schoolsListed(schools, asked({ phase: 'secondary', page: '1' })).schools.length, 24);
  });

  it('shows them all on one page when asked, and a page past the last as the last, saying so', () => {
    const all = schoolListView(comparison(schools), asked({ page: 'all' }), base);
    assert.equal(all.schools.length, 120);
    assert.equal(all.showing, 'Showing all 120 schools');
    assert.equal(all.pagination, null);
    assert.equal(all.pagedHref, '/indicators/ks2-expected-rwm?period=201718&breakdown=all#schools');
    const past = schoolListView(comparison(schools), asked({ page: '9' }), base);
    assert.equal(past.showing, 'Showing 101 to 120 of 120 schools');
    assert.equal(past.beyond, 'There are only 3 pages of schools: this is the last.');
    assert.throws(() => asked({ page: '0' }), /a page number from 1, or all/);
    assert.throws(() => asked({ phase: 'nursery' }));
  });

  it('sorts by name, or by district keeping the best first within each, schools placed in no district last', () => {
    const few = [
      school('1', { name: 'Cliftonville', value: 90, district: null }),
      school('2', { name: 'Aylesham', value: 80, district: thanet }),
      school('3', { name: 'Birchington', value: 70, district: dover }),
      school('4', { name: 'Deal', value: 60, district: thanet }),
    ];
    const names = (sort: string) => schoolsListed(few, asked({ sort })).schools.map((s) => s.name);
    assert.deepEqual(names('value'), ['Cliftonville', 'Aylesham', 'Birchington', 'Deal']);
    assert.deepEqual(names('name'), ['Aylesham', 'Birchington', 'Cliftonville', 'Deal']);
    assert.deepEqual(names('district'), ['Birchington', 'Aylesham', 'Deal', 'Cliftonville']);
  });

  it('offers only the districts and phases its schools are in; a district none is in is no filter, a phase may leave none', () => {
    const listed = schoolsListed(schools, asked({ district: 'E07000999' }));
    assert.deepEqual(
      listed.districts.map((d) => d.name),
      ['Dover', 'Thanet'],
    );
    assert.deepEqual(listed.phases, ['primary', 'secondary']);
    assert.equal(listed.schools.length, 120);
    const none = schoolListView(comparison(schools), asked({ phase: 'special' }), base);
    assert.equal(none.matching, 0);
    assert.equal(none.showing, null);
  });
});
