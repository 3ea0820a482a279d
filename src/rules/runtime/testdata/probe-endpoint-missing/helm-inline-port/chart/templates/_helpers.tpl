{{/* the admin port, when the settings name one */}}
{{- define "ledger.adminPort" -}}
{{- with .Values.settings.adminPort }}{{ . }}{{- end }}
{{- end }}
