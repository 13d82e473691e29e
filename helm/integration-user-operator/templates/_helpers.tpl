{{/* Chart name, overridable. */}}
{{- define "iuo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name when it already contains the chart name. */}}
{{- define "iuo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "iuo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "iuo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "iuo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "iuo.labels" -}}
helm.sh/chart: {{ include "iuo.chart" . }}
{{ include "iuo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: integration-user-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "iuo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "iuo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "iuo.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Leader election is on when asked for, and whenever more than one replica runs. */}}
{{- define "iuo.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/* Value of QUARKUS_OPERATOR_SDK_NAMESPACES. */}}
{{- define "iuo.watchNamespaces" -}}
{{- if .Values.watchNamespaces }}{{ join "," .Values.watchNamespaces }}{{ else }}JOSDK_ALL_NAMESPACES{{ end }}
{{- end }}

{{/* Rules on our custom resources, events and credential Secrets: cluster-wide or per watched namespace. */}}
{{- define "iuo.operatorRules" -}}
- apiGroups: ["sfintegration.io"]
  resources: ["salesforceorgs", "permissionsets", "permissionsetgroups", "integrationusers"]
  verbs: ["get", "list", "watch", "update", "patch"]
- apiGroups: ["sfintegration.io"]
  resources: ["salesforceorgs/status", "permissionsets/status", "permissionsetgroups/status", "integrationusers/status"]
  verbs: ["update", "patch"]
- apiGroups: ["sfintegration.io"]
  resources: ["salesforceorgs/finalizers", "permissionsets/finalizers", "permissionsetgroups/finalizers", "integrationusers/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
# Credential Secrets are read by name only: no list or watch, so the operator cannot enumerate Secrets.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end }}
