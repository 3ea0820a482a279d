FROM golang:1.23
WORKDIR /workspace
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/operator ./cmd/operator
