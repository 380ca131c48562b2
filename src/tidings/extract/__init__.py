"""Article extraction: clean text and metadata of article pages.

Public API::

    extract(html, url="", *, site=None, boxes=None) -> Extracted
    canonicalize_url(url) -> str
    extract_dir(dir, out_path, progress=False) -> int
    extract_inputs(paths_or_urls, get=None) -> Iterator[dict]
    SiteTemplates, BlockStats, MemoryBlockStats, clean_text, reextract, ArticleBoxes
"""
from tidings.extract.api import extract, pick_canonical
from tidings.extract.articlebox import ArticleBoxes, BoxPolicy
from tidings.extract.batch import extract_dir, extract_inputs, extract_inputs_async, reextract
from tidings.extract.blockstats import BlockRecord, BlockStats, MemoryBlockStats
from tidings.extract.sitetemplates import SiteTemplates, TemplatePolicy, clean_text, fingerprint
from tidings.extract.urls import canonicalize_url, host_of

__all__ = [
    "ArticleBoxes", "BlockRecord", "BlockStats", "BoxPolicy", "MemoryBlockStats", "SiteTemplates",
    "TemplatePolicy", "canonicalize_url", "clean_text", "extract", "extract_dir", "extract_inputs",
    "extract_inputs_async", "fingerprint", "host_of", "pick_canonical", "reextract",
]
