{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      pkgs = nixpkgs.legacyPackages.x86_64-linux;
    in
    {
      # the linter is packaged for the dev shell, but no check runs it
      packages.x86_64-linux.golangci-lint = pkgs.golangci-lint;
      devShells.x86_64-linux.default = pkgs.mkShell { buildInputs = [ pkgs.go pkgs.golangci-lint ]; };
      checks.x86_64-linux.formatting = pkgs.runCommand "fmt" { } ''
        test -z "$(${pkgs.go}/bin/gofmt -l ${self})"
        touch $out
      '';
    };
}
