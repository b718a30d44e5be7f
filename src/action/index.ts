// The action's entry (action.yml runs dist/action/index.js); run() ends the step itself.
import { run } from './main.js';

void run();
