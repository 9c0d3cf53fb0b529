import type { DeletionTaskStatus, RoleDeletionTasksRepo } from '../../port.ts';
import { toSqlDate } from '../dates.ts';
import type { UseSql } from './use.ts';

export function sqliteRoleDeletionTasks(use: UseSql): RoleDeletionTasksRepo {
  return {
    async get(taskId) {
      return (await use()).one<{ status: DeletionTaskStatus }>(
        'SELECT status FROM slr_deletion_tasks WHERE task_id = ?',
        taskId,
      )?.status;
    },

    async put(taskId, status, createDate) {
      (await use()).run(
        `INSERT INTO slr_deletion_tasks (task_id, status, create_date) VALUES (?, ?, ?)
         ON CONFLICT (task_id) DO UPDATE SET status = excluded.status`,
        taskId,
        status,
        toSqlDate(createDate),
      );
    },
  };
}
