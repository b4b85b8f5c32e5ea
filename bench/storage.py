from whitenoise.storage import CompressedManifestStaticFilesStorage


class LenientManifestStorage(CompressedManifestStaticFilesStorage):
    """The production storage, except that a file missing from the manifest keeps its name.

    Production fails loudly on a missing file, which is right there; the benchmark measures
    pages, and a checkout without its built CSS should still give figures.
    """

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name
