// camunda-external-task-client-js ships no types; the part of its API the external task tests use.
declare module 'camunda-external-task-client-js' {
  export class Variables {
    get(name: string): unknown;
    set(name: string, value: unknown): this;
    getAll(): Record<string, unknown>;
  }

  export interface Task {
    id: string;
    topicName: string;
    processInstanceId: string;
    variables: Variables;
    [field: string]: unknown;
  }

  export interface TaskService {
    complete(task: Task, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(
      task: Task,
      options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number },
    ): Promise<void>;
    handleBpmnError(
      task: Task,
      errorCode: string,
      errorMessage?: string,
      variables?: Variables,
    ): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
  }

  export class Client {
    constructor(options: ClientOptions);
    subscribe(
      topic: string,
      handler: (context: { task: Task; taskService: TaskService }) => Promise<void>,
    ): { unsubscribe(): void };
    on(event: string, listener: (...args: unknown[]) => void): this;
    start(): void;
    stop(): void;
  }
}
