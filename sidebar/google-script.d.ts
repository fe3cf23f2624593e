/**
 * The client-side API Apps Script injects into sidebars (google.script.run and host): only the parts
 * the sidebar uses. The typed client in client.ts is the only code that touches google.script.run.
 */
declare namespace google.script {
  interface Runner {
    withSuccessHandler(handler: (value: any, userObject?: unknown) => void): Runner;
    withFailureHandler(handler: (error: Error, userObject?: unknown) => void): Runner;
    withUserObject(userObject: unknown): Runner;
    [functionName: string]: (...args: any[]) => unknown;
  }
  const run: Runner;
  namespace host {
    function close(): void;
    namespace editor {
      function focus(): void;
    }
  }
}
