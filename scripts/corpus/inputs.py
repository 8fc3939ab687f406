"""Where the corpus's raw data is read from. Nothing here is committed to the repo.

- Python packages (scripts/corpus/requirements.txt): networkx's classic social
  networks, pycountry's ISO 3166 lists.
- The Graphviz test graphs and MITRE ATT&CK for ICS in the shared data folder
  (../shared/data beside the repository, or $RELGRAPH_SHARED_DATA).
- Public GitHub repositories, as git mirrors (the search tool's `fetch` puts them
  in /work/.mirror/OWNER+NAME/repo; $RELGRAPH_CORPUS_MIRRORS names another folder
  holding OWNER+NAME/repo). Each is read at a pinned commit with `git show`, so
  a newer mirror gives the same bytes.
"""

import json
import os
import subprocess
from pathlib import Path

from common import MissingInput

REPO_ROOT = Path(__file__).resolve().parents[2]

# owner/name -> the commit every converter reads (the newest when the corpus was made).
PINNED = {
    "mitre/cti": "421deacb77191b38bdd1bf63268954e93da91365",            # ATT&CK v18.1
    "geodatasource/country-borders": "bb775affa1db5ace2871c6d3ff6042cc3e8b3671",
    "maksim2042/SNABook": "0665679a9104f323b9652ecff1e3165fbc4574b3",
}


def shared_data():
    folder = Path(os.environ.get("RELGRAPH_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
    if not folder.is_dir():
        raise MissingInput(f"shared data folder {folder} (set RELGRAPH_SHARED_DATA)")
    return folder


def shared_file(relative):
    path = shared_data() / relative
    if not path.is_file():
        raise MissingInput(f"{path}")
    return path


def _mirror(repo):
    roots = [os.environ["RELGRAPH_CORPUS_MIRRORS"]] if os.environ.get("RELGRAPH_CORPUS_MIRRORS") else []
    roots.append("/work/.mirror")
    for root in roots:
        for candidate in (Path(root) / repo.replace("/", "+") / "repo", Path(root) / repo.replace("/", "+") / "repo" / ".git"):
            if (candidate / "HEAD").is_file() or (candidate / "objects").is_dir():
                return candidate
    raise MissingInput(f"a git mirror of github.com/{repo} (fetch github:{repo}; looked in {', '.join(roots)})")


class GitSource:
    """Files of one public repository at its pinned commit."""

    def __init__(self, repo):
        self.repo = repo
        self.commit = PINNED[repo]
        self.git_dir = _mirror(repo)
        probe = subprocess.run(["git", "--git-dir", str(self.git_dir), "cat-file", "-e", self.commit + "^{commit}"],
                               capture_output=True)
        if probe.returncode != 0:
            raise MissingInput(f"commit {self.commit} of github.com/{repo} in {self.git_dir}")

    def url(self, path):
        return f"https://github.com/{self.repo}/blob/{self.commit}/{path}"

    def read(self, path):
        run = subprocess.run(["git", "--git-dir", str(self.git_dir), "show", f"{self.commit}:{path}"], capture_output=True)
        if run.returncode != 0:
            raise MissingInput(f"{path} at {self.commit} in {self.git_dir}: {run.stderr.decode().strip()}")
        return run.stdout

    def _tree(self, folder):
        """(path, blob id) of every file in a folder at the pinned commit, sorted by path."""
        run = subprocess.run(["git", "--git-dir", str(self.git_dir), "ls-tree", self.commit, folder.rstrip("/") + "/"],
                             capture_output=True, text=True, check=True)
        entries = []
        for line in run.stdout.splitlines():
            meta, path = line.split("\t", 1)
            mode, kind, blob = meta.split()
            if kind == "blob":
                entries.append((path, blob))
        return sorted(entries)

    def list(self, folder):
        return [path for path, _ in self._tree(folder)]

    def _cat(self, names, labels):
        """The bytes of many objects in one `git cat-file --batch` run, in the order given.
        (Blob ids, not COMMIT:PATH: looking each path up in a 20,000-entry tree takes a minute.)"""
        request = "".join(f"{n}\n" for n in names).encode()
        run = subprocess.run(["git", "--git-dir", str(self.git_dir), "cat-file", "--batch"], input=request,
                             capture_output=True, check=True)
        data, result, at = run.stdout, [], 0
        for label in labels:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            if len(header) < 3 or header[1] != b"blob":
                raise MissingInput(f"{label} at {self.commit} in {self.git_dir}")
            size = int(header[2])
            result.append(data[end + 1:end + 1 + size])
            at = end + 1 + size + 1
        return result

    def json_folder(self, folder):
        """Every JSON file of a folder, parsed, in path order."""
        entries = self._tree(folder)
        if not entries:
            raise MissingInput(f"{folder}/ at {self.commit} in {self.git_dir}")
        return [json.loads(b) for b in self._cat([blob for _, blob in entries], [path for path, _ in entries])]
