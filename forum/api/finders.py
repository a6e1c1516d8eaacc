"""A static files finder for single files of npm packages: Swagger UI's bundle and stylesheet, not its whole folder.

swagger-ui-dist ships ~12 MB (three bundles, source maps, a demo page with an inline initialiser); the interactive
API page needs two files. ``STATICFILES_DIRS`` can only take whole folders, so this finder offers just the listed
files under their prefix, for ``runserver``, the live server of the tests and ``collectstatic`` alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, overload

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage

# prefix → (folder in node_modules, the files offered from it)
PACKAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "swagger-ui": (
        "swagger-ui-dist",
        # The stylesheet names its source map; ManifestStaticFilesStorage needs the map to exist.
        ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui.css.map"),
    ),
}


def _node_modules() -> Path:
    return Path(settings.BASE_DIR) / "node_modules"


class NpmFilesFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.storages: dict[str, FileSystemStorage] = {}
        for prefix, (package, _files) in PACKAGES.items():
            storage = FileSystemStorage(location=_node_modules() / package)
            storage.prefix = prefix  # type: ignore[attr-defined]  # collectstatic reads it, as for STATICFILES_DIRS
            self.storages[prefix] = storage

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        missing = [
            f"{package}/{name}"
            for package, files in PACKAGES.values()
            for name in files
            if not (_node_modules() / package / name).is_file()
        ]
        if missing:
            return [
                Error(
                    f"Files of npm packages are missing: {', '.join(missing)}.",
                    hint="Run `npm ci` (make setup).",
                    id="api.E001",
                )
            ]
        return []

    @overload
    def find(self, path: str, find_all: Literal[False] = False) -> str | None: ...
    @overload
    def find(self, path: str, find_all: Literal[True]) -> list[str]: ...
    def find(self, path: str, find_all: bool = False) -> Any:
        prefix, _slash, name = path.partition("/")
        package = PACKAGES.get(prefix)
        found = []
        if package and name in package[1]:
            location = _node_modules() / package[0] / name
            if location.is_file():
                found.append(str(location))
        if find_all or not found:
            return found  # "nothing" is [], as from Django's own finders (finders.find() relies on it)
        return found[0]

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for prefix, (_package, files) in PACKAGES.items():
            storage = self.storages[prefix]
            for name in files:
                if storage.exists(name):
                    yield name, storage
