{{- define "fvm-operator.labels" -}}
app.kubernetes.io/name: fvm-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* What the operator may do: read and finish its runs, write their status, manage their FlinkDeployments. */}}
{{- define "fvm-operator.rules" -}}
- apiGroups: ["fvmreplay.org"]
  resources: ["replayruns"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["fvmreplay.org"]
  resources: ["replayruns/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["fvmreplay.org"]
  resources: ["replayruns/finalizers"]
  verbs: ["update"]
- apiGroups: ["flink.apache.org"]
  resources: ["flinkdeployments"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
{{- end -}}
