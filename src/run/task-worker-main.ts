// The worker entry of the library build (dist/run/task-worker-main.js). The CLI bundle needs no
// separate one: it is its own worker (see isTaskWorker).
import { serveTasks } from './task-worker.js';

serveTasks();
