{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    gochecks.url = "github:example/go-flake-checks";
  };

  outputs = { self, nixpkgs, gochecks, ... }:
    let
      pkgs = nixpkgs.legacyPackages.x86_64-linux;
      common = { src = ./.; go = pkgs.go; };
    in
    {
      # the lint logic lives in the input's library, not in this repository
      checks.x86_64-linux = {
        build = gochecks.lib.goBuild common;
        golangci-lint = gochecks.lib.goLint common;
      };
    };
}
