"""Which repository an address names: a git remote (`git@github.com:owner/name.git`,
`https://github.com/owner/name`), config.yaml's `source`, or a lesson website's address
(`https://owner.github.io/name/`). Names compare without regard to case, as GitHub's do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# scheme://[user@]host[:port]/path, or scp-like user@host:path
URL_FORM = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(?P<host>[^/:]+)(?::\d+)?/(?P<path>.*)$")
SCP_FORM = re.compile(r"^(?:[^@/]+@)?(?P<host>[^/:]+):(?!//)(?P<path>.+)$")
# hosts whose repositories sit at owner/name, whatever follows (/tree/main, /issues)
TWO_PART_HOSTS = ("github.com", "bitbucket.org", "codeberg.org")
PAGES_HOST = re.compile(r"^(?P<owner>[^.]+)\.github\.io$", re.IGNORECASE)


@dataclass(frozen=True)
class Repository:
    host: str
    owner: str  # for GitLab, the group path (group/subgroup)
    name: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.host.lower(), self.owner.lower(), self.name.lower())

    @property
    def slug(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def web_address(self) -> str:
        return f"https://{self.host}/{self.owner}/{self.name}"

    @property
    def pages_address(self) -> Optional[str]:
        """Where GitHub Pages serves the repository's site (sandpaper's default `url`)."""
        if self.host.lower() != "github.com":
            return None
        if self.name.lower() == f"{self.owner.lower()}.github.io":
            return f"https://{self.name.lower()}"
        return f"https://{self.owner.lower()}.github.io/{self.name}"


def repository(address: str) -> Optional[Repository]:
    """The repository a git remote or a repository's web address names, or None."""
    address = address.strip()
    match = URL_FORM.match(address) or SCP_FORM.match(address)
    if match is None:
        return None
    host = match.group("host")
    parts = [part for part in match.group("path").split("?")[0].split("#")[0].split("/") if part]
    if host.lower() in TWO_PART_HOSTS or host.lower().startswith("www."):
        parts = parts[:2]
    elif "-" in parts:  # GitLab: /group/name/-/tree/main
        parts = parts[: parts.index("-")]
    if len(parts) < 2:
        return None
    name = parts[-1][:-4] if parts[-1].endswith(".git") else parts[-1]
    return Repository(host.lower().removeprefix("www."), "/".join(parts[:-1]), name) if name else None


@dataclass(frozen=True)
class Site:
    """A lesson website's address: the repository name its first path segment (or, on
    OWNER.github.io, its host) says it is the site of; the owner when the host says it."""

    owner: Optional[str]
    name: str


def site(address: str) -> Optional[Site]:
    match = URL_FORM.match(address.strip().rstrip("/") + "/")
    if match is None:
        return None
    host, path = match.group("host"), match.group("path")
    first = next((part for part in path.split("?")[0].split("#")[0].split("/") if part), None)
    pages = PAGES_HOST.match(host)
    if first is None:
        return Site(pages.group("owner"), host.lower()) if pages else None
    return Site(pages.group("owner") if pages else None, first)
