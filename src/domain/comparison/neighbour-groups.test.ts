import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownNeighbourGroups } from './neighbour-groups.ts';

// research/domain.md §11.1: an LA's group is the list *of* that LA; DfE's May 2025 list also names Kent in Bexley's
// group (sn_may_2025.csv), which is Bexley's comparators, not Kent's.
describe("an LA's own neighbour groups", () => {
  const group = (code: string, of: string, version: string) => ({ code, name: code, attributes: { of, version } });

  it("keeps only the groups of the LA, newest list first, not the other LAs' groups it belongs to", () => {
    const groups = [
      group('sn-303-2025-05', '303', '2025-05'),
      group('sn-886-2012', '886', '2012'),
      group('sn-886-2025-05', '886', '2025-05'),
      group('sn-886-2021-04', '886', '2021-04'),
    ];
    assert.deepEqual(
      ownNeighbourGroups('886', groups).map((g) => g.code),
      ['sn-886-2025-05', 'sn-886-2021-04', 'sn-886-2012'],
    );
    assert.deepEqual(ownNeighbourGroups('999', groups), []);
  });
});
