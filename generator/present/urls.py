"""The site's one URL scheme: every address it publishes, and how pages link to each other.

Addresses are site paths, relative to the site's root and without a leading "/": a page's path
ends in "/" (``indicators/x/``, the home page is ``./``), a download's names its file
(``data/indicators/x.csv``). Pages, downloads, permanent links and the MkDocs adapter all take
their addresses from here, so an address is spelled in one place. Links between pages are
relative, so the site works wherever it is hosted.
"""

from __future__ import annotations

import posixpath

from generator.config import Partnership

HOME = "./"
API_INDEX = "api/indicators.json"
DATA_PACKAGE = "data/datapackage.json"
# The folders whose files are promised downloads. Everything else that is not a page (theme
# assets, the search index, the sitemap) may change name with any theme upgrade.
DOWNLOAD_FOLDERS = ("api/", "data/")
NOT_FOUND_PAGE = "404.html"


def page_address(source: str) -> str:
    """Return the address of the page made from a file under content/, e.g. 'about/x/' for
    about/x.md and './' for index.md."""
    path = source.removesuffix(".md")
    if path == "index":
        return HOME
    return path.removesuffix("index") if path.endswith("/index") else path + "/"


def indicator_page(indicator_id: str) -> str:
    """Return the address of a measure's page."""
    return f"indicators/{indicator_id}/"


def indicator_source(indicator_id: str) -> str:
    """Return the path under content/ of a measure's generated page."""
    return f"indicators/{indicator_id}.md"


def priority_page(slug: str) -> str:
    """Return the address of a priority's page."""
    return f"priorities/{slug}/"


def priority_source(slug: str) -> str:
    """Return the path under content/ of a priority's page."""
    return f"priorities/{slug}.md"


def indicator_api(indicator_id: str) -> str:
    """Return the address of a measure's JSON."""
    return f"api/indicators/{indicator_id}.json"


def indicator_csv(indicator_id: str) -> str:
    """Return the address of a measure's CSV download."""
    return f"data/indicators/{indicator_id}.csv"


def package_file(path: str) -> str:
    """Return the address of a data package file, given its path inside data/."""
    return f"data/{path}"


def data_zip(partnership: Partnership) -> str:
    """Return the address of the whole data package in one zip file."""
    return package_file(partnership.data_zip)


def absolute(partnership: Partnership, address: str) -> str:
    """Return the full URL of a site address, e.g. for a citation."""
    return partnership.site_url + address.removeprefix(HOME)


def repository_file(partnership: Partnership, path: str) -> str:
    """Return the URL of a file in the site's repository, e.g. data/indicators.csv."""
    return f"{partnership.repo_url}/blob/{partnership.branch}/{path}"


def relative_url(page: str, target: str) -> str:
    """Return a link from the page at `page` (e.g. 'indicators/x/'; '' or './' for the home page,
    or a file such as 'x.html') to a site address, which may end in '#anchor'.

    Addresses of other sites (with '://') are returned as they are.
    """
    if "://" in target:
        return target
    path, hash_mark, anchor = target.partition("#")
    if path == HOME:
        path = ""
    depth = 0 if page == HOME else page.count("/")
    prefix = "../" * depth
    link = prefix + path if (prefix or path) else HOME
    return f"{link}{hash_mark}{anchor}"


def public_url(built_path: str) -> str | None:
    """Return the address of a built file given its path in the site, or None if none is promised."""
    if built_path == NOT_FOUND_PAGE:
        return None
    if built_path.endswith(".html"):
        directory, name = posixpath.split(built_path)
        return (directory or ".") + "/" if name == "index.html" else built_path
    return built_path if built_path.startswith(DOWNLOAD_FOLDERS) else None


def built_path(address: str) -> str:
    """Return the file a page address is built into: the reverse of public_url for pages."""
    if address == HOME:
        return "index.html"
    return address + "index.html" if address.endswith("/") else address


def is_page(address: str) -> bool:
    """Return True for a web page's address, which (unlike a download) can be forwarded."""
    return address.endswith(("/", ".html"))
