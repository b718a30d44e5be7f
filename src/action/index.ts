// The action's entry (action.yml runs dist/action/index.js); main() ends the step itself.
import { main } from './main.js';

void main();
