// Server-side table printers for rbac.authorization.k8s.io bindings.
import { ageOf } from './human-duration.js';
import { ageColumn, column, get, list, nameColumn, nameOf, str, type Printer } from './printer.js';

const age = (object: Record<string, unknown>, now: Date): string => ageOf(get(object, 'metadata', 'creationTimestamp'), now);

/** The roleRef documentation as the printers take it (rbac/v1beta1's, without "immutable"). */
const ROLE_REF = 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.';

/** Users, groups and service accounts (`namespace/name`) of a binding, as rbac.SubjectsStrings lists them. */
function subjectCells(binding: Record<string, unknown>): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const accounts: string[] = [];
  for (const subject of list(binding, 'subjects')) {
    switch (str(subject, 'kind')) {
      case 'ServiceAccount':
        accounts.push(`${str(subject, 'namespace')}/${str(subject, 'name')}`);
        break;
      case 'User':
        users.push(str(subject, 'name'));
        break;
      case 'Group':
        groups.push(str(subject, 'name'));
        break;
      default:
        break;
    }
  }
  return [users.join(', '), groups.join(', '), accounts.join(', ')];
}

function bindingPrinter(owner: 'roleBinding' | 'clusterRoleBinding'): Printer {
  return {
    columns: [
      nameColumn(),
      column('Role', 'string', ROLE_REF),
      ageColumn(),
      column('Users', 'string', `Users in the ${owner}`, 1),
      column('Groups', 'string', `Groups in the ${owner}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${owner}`, 1),
    ],
    cells: (binding, now) => [nameOf(binding), `${str(binding, 'roleRef', 'kind')}/${str(binding, 'roleRef', 'name')}`, age(binding, now), ...subjectCells(binding)],
  };
}

/** `kubectl get rolebindings`: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingPrinter: Printer = bindingPrinter('roleBinding');

/** `kubectl get clusterrolebindings`: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const clusterRoleBindingPrinter: Printer = bindingPrinter('clusterRoleBinding');
