"""Messages of Wagtail and wagtail-localize that their installed releases leave
untranslated in Polish, or translate so that they do not read, listed so that makemessages
puts them in this app's catalogue, which Django reads before theirs. Never executed; written
by scripts/admin_catalogue.py."""

# ruff: noqa: E501, F401

from django.utils.translation import gettext, ngettext, npgettext, pgettext


def strings():
    return [
        # wagtail/admin
        gettext("%(classname)s object (%(id)s)"),
        gettext("%(field_label)s:"),
        gettext("%(model_name)s '%(object)s' created and published."),
        gettext("%(model_name)s '%(object)s' created and scheduled for publishing."),
        gettext("%(model_name)s '%(object)s' created and submitted for moderation."),
        gettext("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
        gettext("%(model_name)s '%(object)s' has been scheduled for publishing."),
        gettext("%(model_name)s '%(object)s' has been submitted for moderation."),
        gettext(
            "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."
        ),
        gettext("%(model_name)s '%(object)s' updated and published."),
        gettext("%(model_name)s '%(title)s' is now unlocked."),
        ngettext("%(num_child_objects)d child page", "%(num_child_objects)d child pages", 1),
        ngettext("%(num_parent_objects)d page", "%(num_parent_objects)d pages", 1),
        ngettext(
            "%(num_parent_objects)d page has been deleted",
            "%(num_parent_objects)d pages have been deleted",
            1,
        ),
        ngettext(
            "%(num_parent_objects)d page has been published",
            "%(num_parent_objects)d pages have been published",
            1,
        ),
        ngettext(
            "%(num_parent_objects)d page has been unpublished",
            "%(num_parent_objects)d pages have been unpublished",
            1,
        ),
        gettext("%(parent_pages)s and %(child_pages)s have been deleted"),
        gettext("%(parent_pages)s and %(child_pages)s have been published"),
        gettext("%(parent_pages)s and %(child_pages)s have been unpublished"),
        gettext("%(range_start)s - %(range_end)s"),
        gettext("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
        gettext(
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
        ),
        gettext(
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
        ),
        gettext("%(status_display)s %(task_name)s %(started_at)s"),
        gettext("'%(page_title)s' has been moved successfully."),
        gettext("(blank)"),
        gettext("A network error occurred"),
        gettext("Actions (footer)"),
        gettext("Add a concise description for search engines"),
        gettext("Add or show comments"),
        gettext("Alternatively, you can view the latest version in a new tab."),
        gettext("Anyone"),
        gettext("Application"),
        gettext("Autosave is <span>paused</span>"),
        gettext("Autosave is paused"),
        gettext("Cancelled by %(cancelled_by)s"),
        gettext("Checks"),
        gettext("Close modal dialogs (like this one)"),
        gettext("Compare"),
        gettext("Correct the validation errors to resume preview (saving will highlight errors)"),
        gettext("Currently idle"),
        ngettext(
            "Deleting this page will also delete %(translation_count)s translation of this page.",
            "This will also delete %(descendant_count)s more child pages. Deleting this page will also delete %(translation_count)s translations of this page.",
            1,
        ),
        ngettext(
            "Deleting this page will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child page.",
            "Deleting this page will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child pages.",
            1,
        ),
        gettext("Disable custom ordering"),
        gettext("Empty frame title found"),
        gettext("Enable custom ordering"),
        gettext("Expiry date/time must be in the future."),
        gettext(
            "Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change."
        ),
        gettext("Go to the first error"),
        gettext("How we calculate our metrics"),
        gettext("Input button text is empty"),
        gettext("Is commenting action"),
        gettext(
            "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."
        ),
        gettext(
            "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
        ),
        gettext("Locked by"),
        gettext("Maximum"),
        gettext("Meta description is empty"),
        gettext("Minimum"),
        gettext("No %(model_name)s match your query."),
        gettext("Once scheduled:"),
        gettext("Placeholder title"),
        gettext("Please select another parent."),
        gettext("Preview for %(block_label)s (%(block_type)s)"),
        gettext("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
        gettext("Proceeding will overwrite the changes made by %(user_name)s."),
        gettext("Proceeding will overwrite the changes you made in that window."),
        gettext("Readability"),
        gettext("Request to create %(model_name)s was blocked by hook."),
        gettext("Request to edit %(model_name)s was blocked by hook."),
        gettext("Saved"),
        gettext("Saving will overwrite a newer version."),
        gettext("Schedule to publish"),
        gettext("Scheduling…"),
        gettext(
            'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.'
        ),
        gettext("Show keyboard shortcuts"),
        gettext("Sort item order"),
        gettext("Tag(s) %(value_too_long)s are over %(max_tag_length)d characters."),
        gettext("Text editing"),
        gettext(
            'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
        ),
        gettext(
            'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
        ),
        gettext(
            "The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'."
        ),
        gettext("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
        gettext("The %(model_name)s could not be saved as it is locked"),
        gettext("The page could not be created due to validation errors."),
        gettext("The page could not be saved as it is locked."),
        gettext("The page could not be saved due to validation errors."),
        gettext(
            "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the slug is unique and try again."
        ),
        gettext("The slug '%(page_slug)s' is already in use within the parent page."),
        gettext("There are no %(model_name)s to display."),
        gettext(
            'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
        ),
        gettext("There are validation errors, click save to highlight them."),
        gettext("This %(model_name)s hasn't been submitted for moderation yet"),
        ngettext(
            "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
            "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
            1,
        ),
        gettext("This data explained"),
        ngettext(
            "This page has one child page and its translations have a combined %(translation_descendant_count)s translated child pages. Unpublish these too",
            "This page has %(live_descendant_count)s child pages and its translations have a combined %(translation_descendant_count)s translated child pages. Unpublish these too",
            1,
        ),
        ngettext(
            "This page has one subpage and its translations have a combined one translated child page. Unpublish these too",
            "This page has %(live_descendant_count)s child pages and its translations have a combined one translated child page. Unpublish these too",
            1,
        ),
        gettext(
            "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
        ),
        gettext(
            "This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
        ),
        gettext(
            'This publishing schedule will only take effect after you select the "Schedule to publish" option'
        ),
        ngettext(
            "This will also move one translation of this page and its child pages",
            "This will also move %(translations_to_move_count)s translations of this page and their child pages",
            1,
        ),
        ngettext(
            "This will also unpublish one translation of the page.",
            "This will also unpublish all %(translation_count)s translations of the page.",
            1,
        ),
        gettext("To be created by %(user)s"),
        gettext("Toggle checks"),
        gettext("Toggle minimap"),
        gettext(
            "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
        ),
        gettext("Usage count"),
        gettext("Use server language: %(language_name)s"),
        gettext("Use server time zone"),
        gettext("Version from %(timestamp)s of %(model_name)s '%(object)s' has been published."),
        gettext(
            "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for publishing."
        ),
        gettext("View latest version"),
        gettext(
            "We calculate reading time from word count, using different reading speeds for different languages."
        ),
        gettext(
            "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
        ),
        gettext(
            "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
        ),
        gettext(
            'Why not <a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">create one now</a>?'
        ),
        gettext("Workflow on %(model_name)s '%(object)s' has been cancelled."),
        gettext("Workflow on %(model_name)s '%(object)s' has been restarted."),
        gettext(
            "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"
        ),
        gettext("You do not have permission to access the admin."),
        gettext('You do not have permission to publish pages at "%(page_title)s"'),
        gettext("account"),
        gettext("any"),
        gettext("item"),
        gettext("items"),
        # wagtail/contrib/forms
        gettext(
            "Field name '%(duplicate_clean_name)s' conflicts with another field. Please change the label."
        ),
        gettext(
            "The name '%(duplicate_clean_name)s' is already assigned to this field and cannot be changed. Please enter a different label for the conflicting field."
        ),
        # wagtail/contrib/redirects
        gettext("%(error)s encountered while trying to read file: %(filename)s."),
        gettext('File format of type "%(extension)s" is not supported.'),
        gettext("Imported file has a wrong encoding: %(error_message)s."),
        # wagtail/contrib/search_promotions
        gettext(
            '<p>Promoted search results are a means of recommending specific pages or external links that might not organically come high up in search results. E.g recommending your primary donation page to a user searching with the less common term "<em>giving</em>".</p>'
        ),
        gettext(
            '<p>The "Search term(s)/phrase" field below must contain the full and exact search for which you wish to provide recommended results, <em>including</em> any misspellings/user error. To help, you can choose from search terms that have been popular with users of your site.</p>'
        ),
        gettext("No promoted results have been created."),
        gettext("Recommendations have not been created due to errors."),
        gettext("Recommendations have not been saved due to errors."),
        gettext("Search terms"),
        gettext("Views"),
        gettext("queries"),
        gettext("query"),
        # wagtail/contrib/settings
        gettext("%(model)s permissions"),
        # wagtail/contrib/table_block
        gettext(
            "A heading that identifies the overall topic of the table, and is useful for screen reader users."
        ),
        gettext("Display the first column as a header"),
        gettext("Display the first row AND first column as headers"),
        gettext("Display the first row as a header"),
        gettext("Select a header option"),
        gettext("Which cells should be displayed as headers?"),
        # wagtail/contrib/typed_table_block
        gettext(
            "A heading that identifies the overall topic of the table, and is useful for screen reader users."
        ),
        # wagtail/documents
        ngettext(
            '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
            1,
        ),
        gettext("Maximum filesize: %(max_upload_size)s."),
        gettext("The file could not be found. Please change the source or delete the document."),
        gettext(
            'Why not <a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">upload one now</a>?'
        ),
        # wagtail/images
        ngettext(
            '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
            1,
        ),
        gettext("Grid layout"),
        gettext("Layout"),
        gettext("List layout"),
        gettext("The filter options you have selected are not valid."),
        gettext("Usage count: (high to low)"),
        gettext("Usage count: (low to high)"),
        gettext(
            'Why not <a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">upload one now</a>?'
        ),
        gettext("unknown number"),
        # wagtail
        gettext("%(model_name)s scheduled for publishing"),
        gettext("%(model_name)s scheduled for publishing at %(go_live_at)s"),
        gettext("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
        gettext("%(model_name)s unscheduled from publishing"),
        gettext("- Select an option -"),
        gettext("A human-readable label to identify this token."),
        gettext("API token"),
        gettext("API token created"),
        gettext("API token revoked"),
        gettext("API tokens"),
        gettext("Cannot overwrite a revision that is not the latest for this %(model_name)s."),
        gettext("Cannot overwrite a revision that was not created by the current user."),
        gettext("Create API token"),
        gettext("Date cannot be in the future."),
        gettext("Only reviewers can edit and approve the %(model_name)s"),
        gettext("Private, accessible to any logged-in users"),
        gettext("Private, accessible with a shared password"),
        gettext("Removed the '%(restriction)s' view restriction. The page is public."),
        gettext(
            "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
        ),
        gettext("Revoke API token"),
        gettext(
            "Shared passwords should not be used to protect sensitive content. Anyone who has this password will be able to view the content."
        ),
        gettext(
            "The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'."
        ),
        gettext("Wagtail API v3"),
        gettext("created"),
        gettext("group site permission"),
        gettext("group site permissions"),
        gettext("last used at"),
        gettext("revoked at"),
        gettext("shared password"),
        gettext("will be set to a %(model_name)s specified by the system"),
        gettext("will be set to the default %(model_name)s"),
        gettext("will unset the reference"),
        # wagtail/locales
        ngettext("%(num_pages)d page", "%(num_pages)d pages", 1),
        gettext("%(num_pages)d pages and %(num_others)d others"),
        # wagtail/snippets
        gettext("Request to create %(model_name)s was blocked by hook."),
        gettext("Request to edit %(model_name)s was blocked by hook."),
        gettext("Schedule to publish"),
        gettext("Scheduling…"),
        # wagtail/users
        gettext("API token"),
        gettext("API token '%(name)s' revoked."),
        gettext("API token created"),
        gettext("API tokens"),
        gettext("Are you sure you want to revoke this API token?"),
        gettext("Back to API tokens"),
        gettext("Copy token"),
        gettext("Copying failed — please select and copy the token manually."),
        gettext("Enable custom keyboard shortcuts specific to Wagtail."),
        gettext("Last used"),
        gettext("Never"),
        gettext("No, don't revoke"),
        gettext("Revoke"),
        gettext("Revoked"),
        gettext(
            'The token "%(name)s" has been created, copy it now, it will never be shown again.'
        ),
        gettext("Toggle all add permissions"),
        gettext("Toggle all change permissions"),
        gettext("Toggle all custom permissions"),
        gettext("Toggle all delete permissions"),
        gettext("Token"),
        gettext("Yes, revoke"),
        # wagtail_localize
        gettext("Apply machine translations to the incoming changes."),
        gettext(
            'Apply the updates and publish immediately. The changes will use the original language until translated unless you also select "Use machine translation".'
        ),
        gettext(
            "Apply the updates and publish immediately. The changes will use the original language until translated."
        ),
        gettext("Use machine translation"),
        # wagtail_localize/locales
        gettext("Add a locale"),
        gettext("Add locale"),
        gettext("Are you sure you want to delete this locale?"),
        gettext("Back"),
        gettext("Delete locale"),
        gettext("Language"),
        gettext("Locale '{0}' created."),
        gettext("Locale '{0}' deleted."),
        gettext("Locale '{0}' updated."),
        gettext("Locales"),
        gettext("Save"),
        gettext("Select a new language"),
        gettext("The locale could not be saved due to errors."),
        gettext(
            "This locale cannot be deleted because there are pages and/or other objects using it."
        ),
        gettext(
            "This locale's current language code is not supported. Please choose a new language or delete this locale."
        ),
        gettext("This locale's language code is not supported"),
        gettext("Usage"),
        gettext("Wagtail locales (Wagtail Localize version)"),
        gettext("Yes, delete"),
        # translated by Wagtail, again by the plugin
        gettext("%(model_name)s '%(object)s' created."),
        gettext("%(model_name)s '%(object)s' deleted."),
        gettext("%(model_name)s '%(object)s' updated."),
        gettext("Add %(model_name)s"),
        gettext("Anyone can edit this %(model_name)s"),
        gettext("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
        gettext("Are you sure you want to delete this %(model_name)s?"),
        gettext("Are you sure you want to unpublish this %(model_name)s?"),
        gettext("Choose when this %(model_name)s should go live and/or expire"),
        gettext("Create a new %(model_name)s"),
        gettext("New: %(model_name)s"),
        gettext("No one can make changes while the %(model_name)s is locked"),
        gettext("One or more references to this %(model_name)s prevent it from being deleted."),
        gettext("Only %(user)s can make changes while the %(model_name)s is locked"),
        gettext("Only reviewers for this task can edit the %(model_name)s."),
        gettext("Only you can make changes while the %(model_name)s is locked"),
        gettext("Publish %(model_name)s"),
        gettext("Publishing this %(model_name)s will cancel the current workflow."),
        gettext("Resubmit to %(task_name)s"),
        gettext("Sent to %(task_name)s %(started_at)s"),
        gettext("Submit to %(workflow_name)s"),
        gettext('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
        gettext('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
        gettext('The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'),
        gettext('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
        gettext(
            'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
        ),
        gettext(
            'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
        ),
        gettext('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
        gettext('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
        gettext('The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'),
        gettext(
            'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
        ),
        gettext(
            'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
        ),
        gettext(
            'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
        ),
        gettext('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
        gettext("The %(model_name)s could not be created due to errors."),
        gettext("The %(model_name)s could not be saved due to errors."),
        gettext(
            "This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
        ),
        gettext("This %(model_name)s is currently awaiting moderation."),
        gettext(
            "This %(model_name)s was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
        ),
        gettext(
            "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."
        ),
        gettext("Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s"),
        gettext("Would you still like to publish this %(model_name)s?"),
        gettext("You can edit the %(model_name)s here:"),
        gettext("You can preview the %(model_name)s here:"),
        gettext("the %(model_name)s will also be deleted"),
        gettext("{model_name} '{title}' is locked and has been scheduled to go live at {datetime}"),
        gettext("New"),
        gettext("Request changes"),
        gettext("%(label)s and Publish"),
        gettext("Would you still like to publish this page?"),
        gettext("Live version"),
        gettext("By task"),
        gettext("By workflow"),
        gettext("Search term"),
        gettext("Profile"),
        gettext("Choose %(object)s"),
        gettext("Choose another %(object)s"),
        gettext("Edit this %(object)s"),
        gettext("(Private %(object)s)"),
        gettext("Delete %(snippet_type_name)s"),
        gettext("Are you sure you want to delete this %(snippet_type_name)s?"),
        gettext("Are you sure you want to delete %(count)s %(snippet_type_name)s?"),
        gettext("You don't have permission to delete this %(snippet_type_name)s"),
        gettext(
            'You haven\'t created any %(snippet_type_name)s snippets. Why not <a href="%(wagtailsnippets_create_snippet_url)s" target="_blank" rel="noreferrer">create one now</a>?'
        ),
        ngettext("%(count)d %(model_name)s deleted.", "%(count)d %(model_name)s deleted.", 1),
        ngettext(
            "This %(model_name)s is referenced %(usage_count)s time.",
            "This %(model_name)s is referenced %(usage_count)s times.",
            1,
        ),
        gettext("Translate {model_name}"),
        gettext(
            "The {model_name} '{object}' was successfully submitted for translation into {locales}"
        ),
        gettext("%(objects)s pages selected"),
        gettext("All %(objects)s pages on this screen selected"),
        gettext("%(objects)s snippets selected"),
        gettext("All %(objects)s snippets on this screen selected"),
        gettext("%(objects)s items selected"),
        gettext("All %(objects)s items on this screen selected"),
        gettext("%(objects)s documents selected"),
        gettext("All %(objects)s documents on this screen selected"),
        gettext("%(objects)s images selected"),
        gettext("All %(objects)s images on this screen selected"),
    ]
