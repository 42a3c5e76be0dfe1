// The grids a worker can place someone in: a gridworker's own, a cadre's village's, every grid for the office.
import { useEffect, useState } from 'react';
import { call } from '../client/call';
import type { Me } from '../hooks/use-session';
import type { ChipOption } from './chips';

/** With `villageNames`, a grid is named with its village whenever the choice spans several villages. */
export function useGridChoices(me: Me, options: { villageNames?: boolean } = {}): ChipOption[] {
  const [choices, setChoices] = useState<ChipOption[]>(() => (me.role === 'gridworker' ? me.grids.map((g) => ({ value: g._id, label: g.name })) : []));
  const villageNames = options.villageNames ?? false;
  useEffect(() => {
    if (me.role === 'gridworker') return undefined;
    let live = true;
    void call('admin', 'structure', {}).then((result) => {
      if (!live || !result.ok) return;
      const mine = new Set(me.villages.map((v) => v._id));
      const villages = me.role === 'cadre' ? result.data.filter((v) => mine.has(v._id)) : result.data;
      const named = villageNames && villages.length > 1;
      setChoices(villages.flatMap((v) => v.grids.map((g) => ({ value: g._id, label: named ? `${v.name} ${g.name}` : g.name }))));
    });
    return () => {
      live = false;
    };
  }, [me, villageNames]);
  return choices;
}
