"""The CI examples in the README are valid YAML and do what the README says they do."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

README = Path(__file__).resolve().parents[1] / "README.md"


def ci_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## Running it in CI", 1)[1].split("\n## ", 1)[0]


def yaml_blocks() -> list[dict]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", ci_section(), re.DOTALL)]


def test_github_workflow_caches_look_ups_and_uploads_sarif() -> None:
    workflow = next(b for b in yaml_blocks() if "jobs" in b)
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [s.get("uses", "") for s in steps]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".sourcecheck-cache"
    assert job["env"]["SOURCECHECK_CACHE_DIR"].endswith("/.sourcecheck-cache")
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    runs = " ".join(s.get("run", "") for s in steps)
    assert "--format sarif -o sourcecheck.sarif" in runs and "--format github" in runs
    assert workflow["permissions"]["security-events"] == "write"


def test_pre_commit_example_uses_the_shipped_hook() -> None:
    config = next(b for b in yaml_blocks() if "repos" in b)
    hook_ids = [h["id"] for repo in config["repos"] for h in repo["hooks"]]
    shipped = yaml.safe_load((README.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert set(hook_ids) <= {h["id"] for h in shipped}
