{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      pkgs = nixpkgs.legacyPackages.x86_64-linux;
      tasks = import ./nix/tasks.nix { inherit pkgs self; };
    in
    {
      checks.x86_64-linux = {
        static = tasks.staticAnalysis { version = "dev"; };
        fmt = tasks.formatting { };
      };
    };
}
