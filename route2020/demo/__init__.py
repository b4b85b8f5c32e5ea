"""Demo content for `make run`: the seed's real text plus generated libraries, people,
practices, events and Reisflitsen. Not needed to run the platform, so none of the runtime
apps import it.

Each app's demo content is a module `route2020.demo.content.<app label>`, found for every
installed app and loaded in INSTALLED_APPS order (core first). A module has:

- `load(stdout)`: creates what is missing (it looks up what it would create first, so a
  second run changes nothing) and may return logins to print, as (role, user) pairs;
- `SEED = True` when it is part of the seed: the real, light content the browser tests load;
- `MENU = {"slug": position}` for the section pages it adds to the main menu.
"""
