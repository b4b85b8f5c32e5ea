import pytest
from PIL import ImageFile


@pytest.fixture
def decoded(monkeypatch):
    """Records every image Pillow decodes: ImageFile.load turns the file's tiles into pixels
    (called again once loaded, it has no tiles left and does nothing)."""
    sizes = []
    load = ImageFile.ImageFile.load

    def spy(self):
        if self.tile:
            sizes.append(self.size)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return sizes
