# One-command set-up, main job and tests (the README shows the same commands).
PY ?= python3
VENV ?= .venv

.PHONY: setup run test bench clean
setup:
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'

run:
	$(VENV)/bin/vanban run corpus/ -o out/

test:
	$(VENV)/bin/python -m pytest -q

clean:
	rm -rf out/ .pytest_cache build *.egg-info
