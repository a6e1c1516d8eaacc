"""Stored files: validation by content, storage under random names, checksums, safe download.

An owning app attaches files through its own attachment model (a subclass of
``models.AttachmentBase`` with a foreign key to the owner), so a file is visible exactly when
its owner is: the owner's view finds the attachment through the owner's ``visible_to`` and
answers with ``responses.file_response``.
"""
