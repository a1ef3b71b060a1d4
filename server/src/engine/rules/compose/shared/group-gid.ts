// The `group_add` item that gives a container a host group by number. With the host's render GID
// known it is the default of a variable (other hosts set theirs); otherwise compose must refuse to
// start until the variable is set, with a message that says what to set, rather than start a
// container that cannot use its device.

import type { HostFacts } from '../../../types';
import { gidVariable, RENDER_GROUP } from '../../shared/groups';

export function hostGidItem(group: string, host: HostFacts): string {
  const variable = gidVariable(group);
  if (group === RENDER_GROUP && host.renderGid !== undefined) return `\${${variable}:-${host.renderGid}}`;
  return `\${${variable}:?set ${variable} to the GID of the ${group} group on the host}`;
}
