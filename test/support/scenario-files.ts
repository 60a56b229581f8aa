import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes YAML text to a fresh temporary directory and returns the file's path. */
export function yamlFile(text: string, name = 'scenario.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'svcsim-test-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'svcsim-out-'));
}

export function nodeYaml(name: string, zone = 'zone-1'): string {
  return `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    topology.kubernetes.io/zone: ${zone}
---
`;
}

export function deploymentYaml(name: string, replicas: number, app = 'web'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
      - name: app
        image: example/app
---
`;
}

export function serviceYaml(name: string, type: string, policy?: string, app = 'web'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${type}
${policy ? `  externalTrafficPolicy: ${policy}\n` : ''}  selector:
    app: ${app}
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
`;
}
