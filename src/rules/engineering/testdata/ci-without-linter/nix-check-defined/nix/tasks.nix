{ pkgs, self }:
{
  # Runs the analysers in the sandbox (source is read-only)
  staticAnalysis =
    { version }:
    pkgs.buildGoModule {
      pname = "app-static";
      inherit version;
      src = self;
      vendorHash = null;
      nativeBuildInputs = [ pkgs.go-tools ];
      dontBuild = true;
      checkPhase = ''
        runHook preCheck
        export HOME=$TMPDIR
        staticcheck ./...
        runHook postCheck
      '';
      installPhase = "touch $out";
    };

  formatting =
    { }:
    pkgs.runCommand "fmt" { } ''
      test -z "$(${pkgs.go}/bin/gofmt -l ${self})"
      touch $out
    '';
}
