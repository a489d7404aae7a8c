"""MkDocs events for page governance: each page's owner and review dates, the overdue notice, the
Review status page and `pages.json`. The work is done by `handbook.governance.reviews`."""

from handbook.build.events import FILES_KEY, HISTORY_KEY, SITE_KEY, priority
from handbook.build.mkdocs_glue import page_urls, review_status_page, write_pages_json
from handbook.governance.history import last_commit_dates
from handbook.governance.reviews import long_date
from mkdocs.plugins import event_priority

REVIEW_STATUS_MARKER = "<!-- handbook:review-status -->"


@event_priority(priority("governance.py", "on_files"))
def on_files(files, config):
    config[HISTORY_KEY] = last_commit_dates(config["docs_dir"])
    # The pages' URLs are read when pages.json is written: MkDocs has worked each out by then.
    config[FILES_KEY] = files
    return files


def on_env(env, config, files):
    env.filters["long_date"] = long_date
    return env


def on_page_markdown(markdown, page, config, files):
    if "<" in markdown and REVIEW_STATUS_MARKER in markdown:  # '<' alone: at memory speed
        generated = review_status_page(config[SITE_KEY], page, files)
        markdown = markdown.replace(REVIEW_STATUS_MARKER, generated)
    return markdown


def on_page_context(context, page, config, nav):
    path = page.file.src_uri
    context["review"] = config[SITE_KEY].reviews.get(path)
    context["last_updated"] = config[HISTORY_KEY].get(path)
    return context


def on_post_build(config):
    write_pages_json(config[SITE_KEY], page_urls(config[FILES_KEY]), config[HISTORY_KEY],
                     config["site_dir"])
