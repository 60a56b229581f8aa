// Edits to the YAML text smallCluster builds: node labels and status, Service annotations.

/** Adds labels to the Node named `node`. */
export function labelNode(text: string, node: string, labels: Record<string, string>): string {
  const head = `  name: ${node}\n  labels:\n`;
  if (!text.includes(head)) throw new Error(`no node ${node} in the text`);
  return text.replace(head, head + Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`).join(''));
}

/** Gives the Node named `node` a Ready condition of status "False". */
export function notReady(text: string, node: string): string {
  const head = `kind: Node\nmetadata:\n  name: ${node}\n`;
  if (!text.includes(head)) throw new Error(`no node ${node} in the text`);
  return text.replace(head, `kind: Node\nstatus:\n  conditions: [{ type: Ready, status: "False" }]\nmetadata:\n  name: ${node}\n`);
}

/** Adds annotations to the Service named `service` (default web). */
export function annotateService(text: string, annotations: Record<string, string>, service = 'web'): string {
  const head = `kind: Service\nmetadata:\n  name: ${service}\n`;
  if (!text.includes(head)) throw new Error(`no Service ${service} in the text`);
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`).join('');
  return text.replace(head, `${head}  annotations:\n${lines}`);
}

/** Two-sided 99.9% normal quantile: a binomial share misses by more than Z standard errors once in 1000. */
export const Z = 3.2905;

/** The binomial tolerance of a share p observed over n independent trials. */
export function tolerance(p: number, n: number): number {
  return Z * Math.sqrt((p * (1 - p)) / n);
}
