import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DfeSymbol } from './indicator.ts';
import { isAged16to24, kentSkillsShortageAreas, readSkillsShortageAreas, skillsShortageStarts, ssaTier1Of, vocationalLevel } from './skills-shortage-starts.ts';

// The rule's sources: the levels and age bands as DfE's Explore Education Statistics files write them ("Historical
// series - Starts, Participation by Age, Level, SSA" in Apprenticeships: apps_level Intermediate/Advanced/Higher
// Apprenticeship, age_summary Under 19/19-24/25+/Total, ssa_tier_1); the symbols as their footnotes define them
// ("Volumes are rounded to the nearest 10 and 'low' indicates a base value of fewer than 5 … 'x' … unavailable, 'z' …
// not applicable, and 'c' … suppressed"); SSA tier 1 numbered 1-15 as Ofqual's classification numbers it.

const construction = 'Construction, Planning and the Built Environment';
const cell = (ssa: string, level: string, age: string, starts: number | null, symbol: DfeSymbol | null = null) => ({ ssa, level, age, starts, symbol });

describe('starts at level 2 and 3 by 16-24 year olds in the skills shortage areas', () => {
  it('adds level 2 and 3 starts of Under 19 and 19-24 in the named areas, and nothing else', () => {
    const cells = [
      cell(construction, 'Intermediate Apprenticeship', 'Under 19', 120),
      cell(construction, 'Advanced Apprenticeship', '19-24', 70),
      cell(construction, 'Education and training: Level 2', '19-24', 40),
      cell(construction, 'Level 3', '19-24', 30),
      // Not counted: a higher level, a subset published beside Level 2, 25+, a Total band, an area not named.
      cell(construction, 'Higher Apprenticeship', '19-24', 10),
      cell(construction, 'Full Level 2', '19-24', 20),
      cell(construction, 'Intermediate Apprenticeship', '25+', 90),
      cell(construction, 'Intermediate Apprenticeship', 'Total', 210),
      cell(construction, 'Total', 'Under 19', 130),
      cell('Retail and Commercial Enterprise', 'Intermediate Apprenticeship', 'Under 19', 300),
    ];
    // 120 + 70 + 40 + 30 = 260.
    assert.deepEqual(skillsShortageStarts(cells, [construction]), { value: 260, symbol: null, cells: 4, low: 0, notApplicable: 0 });
  });

  it('reads low as 0, the nearest 10 every other volume is rounded to, and z as none; c or x leave no figure', () => {
    const base = [cell(construction, 'Intermediate Apprenticeship', 'Under 19', 120), cell(construction, 'Advanced Apprenticeship', 'Under 19', null, 'low')];
    assert.deepEqual(skillsShortageStarts([...base, cell(construction, 'Level 2', 'Under 19', null, 'z')], [construction]), {
      value: 120,
      symbol: null,
      cells: 3,
      low: 1,
      notApplicable: 1,
    });
    assert.equal(skillsShortageStarts([...base, cell(construction, 'Level 3', '19-24', null, 'c')], [construction]).symbol, 'c');
    const both = skillsShortageStarts(
      [...base, cell(construction, 'Level 3', '19-24', null, 'c'), cell(construction, 'Level 2', '19-24', null, 'x')],
      [construction],
    );
    assert.deepEqual([both.value, both.symbol], [null, 'x']);
    // A suppressed cell outside the sum (25+) does not matter.
    assert.equal(skillsShortageStarts([...base, cell(construction, 'Level 3', '25+', null, 'c')], [construction]).value, 120);
  });

  it('reads levels, ages and areas as DfE and LAs write them', () => {
    assert.deepEqual(
      ['Intermediate Apprenticeship', 'Apprenticeships: Advanced Apprenticeship', 'level 3', 'Full Level 3', 'Level 4+', 'Below Level 2'].map(vocationalLevel),
      [2, 3, 3, null, null, null],
    );
    assert.deepEqual(['Under 19', '19-24', '25+', 'Total'].map(isAged16to24), [true, true, false, false]);
    assert.equal(ssaTier1Of('construction, planning and  the built environment'), construction);
    assert.equal(ssaTier1Of('5'), construction);
    assert.equal(ssaTier1Of('16'), null);
  });

  it("names the LA's unknown areas rather than summing nothing for them", () => {
    assert.deepEqual(readSkillsShortageAreas(['Construction', '4']), { ok: false, unknown: ['Construction'] });
    assert.deepEqual(readSkillsShortageAreas(['5', construction, '4']), { ok: true, areas: [construction, 'Engineering and Manufacturing Technologies'] });
    assert.equal(kentSkillsShortageAreas.length, 4);
  });
});
