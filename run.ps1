# Thin wrapper over dotnet for the common jobs (PowerShell twin of run.sh). Usage: ./run.ps1 demo|test|servers|fuzz|models|bench|build
param([Parameter(Position = 0)][string]$Job = '', [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest = @())
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
$Config = 'Release'
$Triage = "src/Triage.Cli/bin/$Config/net10.0/triage.dll"

# The real servers the tests start (tests/servers/*.sh; Debian packages, so through bash).
function Servers { Get-ChildItem tests/servers -Filter *.sh | ForEach-Object { bash $_.FullName install; if ($LASTEXITCODE) { exit $LASTEXITCODE } } }

function Build { dotnet build Triage.sln -c $Config -nologo -v quiet; if ($LASTEXITCODE) { exit $LASTEXITCODE } }

switch ($Job) {
  'build' { Build }
  'servers' { Servers }
  'demo'  {
    Build
    $mails = (Get-ChildItem samples-mail -Filter *.eml).FullName
    dotnet $Triage parse $mails --out out/parsed --table
    dotnet $Triage inspect $mails --format table
    if (Test-Path out/demo-data) { Remove-Item -Recurse -Force out/demo-data }
    dotnet $Triage ingest samples-mail --data out/demo-data
    exit $LASTEXITCODE
  }
  'test'  {
    Servers
    Build
    $log = dotnet test Triage.sln -c $Config --no-build -nologo -v quiet 2>&1
    $status = $LASTEXITCODE
    $log | Write-Output
    $p = 0; $f = 0; $s = 0
    foreach ($line in $log) {
      if ("$line" -match 'Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)') { $f += [int]$Matches[1]; $p += [int]$Matches[2]; $s += [int]$Matches[3] }
    }
    Write-Output "$p passed, $f failed, $s skipped"
    exit $status
  }
  'fuzz'  {
    Build
    $env:TRIAGE_FUZZ_COUNT = if ($Rest.Count -gt 0) { $Rest[0] } else { '100000' }
    dotnet test tests/Triage.Mime.Tests -c $Config --no-build -nologo --filter 'Category=Fuzz' --logger 'console;verbosity=detailed'
    exit $LASTEXITCODE
  }
  'models' {
    Build
    if ($Rest.Count -eq 0) { git log -1 --format=%ct -- models/training | Set-Content -NoNewline models/created-epoch }
    bash models/train.sh "dotnet $Triage" $(if ($Rest.Count -gt 0) { $Rest[0] } else { 'models' })
    exit $LASTEXITCODE
  }
  'bench' { Build; dotnet $Triage bench @Rest; exit $LASTEXITCODE }
  default { Write-Error 'usage: ./run.ps1 demo | test | servers | fuzz [COUNT] | models [OUTDIR] | bench parse DIR | build'; exit 2 }
}
