"""lessonkit: lint and schedule Carpentries Workbench (sandpaper) lessons."""

__version__ = "0.1.0"
