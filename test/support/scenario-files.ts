// YAML documents for scenarios built in memory (see scenarioFromYaml).

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
