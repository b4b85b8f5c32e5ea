"""Generated member libraries: six real towns in each province, with their coordinates."""

TOWNS = {
    "PV20": [("Groningen", 53.2194, 6.5665), ("Veendam", 53.1067, 6.8786), ("Winschoten", 53.1440, 7.0350), ("Delfzijl", 53.3303, 6.9189), ("Stadskanaal", 52.9893, 6.9506), ("Hoogezand", 53.1610, 6.7610)],
    "PV21": [("Leeuwarden", 53.2012, 5.7999), ("Sneek", 53.0326, 5.6589), ("Heerenveen", 52.9596, 5.9190), ("Harlingen", 53.1747, 5.4222), ("Dokkum", 53.3255, 5.9987), ("Franeker", 53.1870, 5.5420)],
    "PV22": [("Assen", 52.9929, 6.5642), ("Emmen", 52.7792, 6.9069), ("Meppel", 52.6958, 6.1944), ("Hoogeveen", 52.7225, 6.4764), ("Coevorden", 52.6612, 6.7406), ("Roden", 53.1380, 6.4230)],
    "PV23": [("Enschede", 52.2215, 6.8937), ("Deventer", 52.2551, 6.1639), ("Hengelo", 52.2661, 6.7931), ("Almelo", 52.3570, 6.6625), ("Kampen", 52.5550, 5.9110), ("Oldenzaal", 52.3131, 6.9286)],
    "PV24": [("Almere", 52.3508, 5.2647), ("Lelystad", 52.5185, 5.4714), ("Dronten", 52.5250, 5.7180), ("Emmeloord", 52.7107, 5.7480), ("Zeewolde", 52.3300, 5.5410), ("Urk", 52.6620, 5.6010)],
    "PV25": [("Arnhem", 51.9851, 5.8987), ("Nijmegen", 51.8126, 5.8372), ("Apeldoorn", 52.2112, 5.9699), ("Harderwijk", 52.3417, 5.6206), ("Tiel", 51.8861, 5.4299), ("Zutphen", 52.1383, 6.2014)],
    "PV26": [("Utrecht", 52.0907, 5.1214), ("Amersfoort", 52.1561, 5.3878), ("Veenendaal", 52.0287, 5.5589), ("Zeist", 52.0894, 5.2336), ("Nieuwegein", 52.0290, 5.0810), ("Woerden", 52.0853, 4.8836)],
    "PV27": [("Amsterdam", 52.3676, 4.9041), ("Haarlem", 52.3874, 4.6462), ("Alkmaar", 52.6324, 4.7534), ("Hoorn", 52.6424, 5.0597), ("Den Helder", 52.9563, 4.7601), ("Hilversum", 52.2292, 5.1669)],
    "PV28": [("Rotterdam", 51.9244, 4.4777), ("Leiden", 52.1601, 4.4970), ("Dordrecht", 51.8133, 4.6901), ("Delft", 52.0116, 4.3571), ("Gouda", 52.0115, 4.7104), ("Zoetermeer", 52.0575, 4.4931)],
    "PV29": [("Middelburg", 51.4988, 3.6136), ("Vlissingen", 51.4425, 3.5736), ("Goes", 51.5047, 3.8883), ("Terneuzen", 51.3358, 3.8276), ("Zierikzee", 51.6500, 3.9190), ("Hulst", 51.2800, 4.0530)],
    "PV30": [("Tilburg", 51.5555, 5.0913), ("Breda", 51.5719, 4.7683), ("'s-Hertogenbosch", 51.6978, 5.3037), ("Helmond", 51.4793, 5.6570), ("Oss", 51.7650, 5.5180), ("Bergen op Zoom", 51.4949, 4.2911)],
    "PV31": [("Maastricht", 50.8514, 5.6910), ("Venlo", 51.3704, 6.1724), ("Roermond", 51.1942, 5.9870), ("Heerlen", 50.8882, 5.9795), ("Weert", 51.2517, 5.7069), ("Venray", 51.5261, 5.9747)],
}  # fmt: skip

# The four regiogidsen of the 2016 verkenning, each with the provinces they cover.
GUIDES = [
    ("Noor", "Noordhuis", ["PV20", "PV21", "PV22"]),
    ("Otto", "Oosterveld", ["PV23", "PV24", "PV25"]),
    ("Wendy", "Westerbeek", ["PV26", "PV27", "PV28"]),
    ("Sanne", "Zuidema", ["PV29", "PV30", "PV31"]),
]

MEMBER_NAMES = [
    ("Anouk", "de Vries"), ("Bram", "Jansen"), ("Carla", "Bakker"), ("Daan", "Visser"),
    ("Eva", "Smit"), ("Fleur", "Meijer"), ("Gijs", "de Boer"), ("Hanna", "Mulder"),
    ("Ilse", "de Groot"), ("Joris", "Bos"), ("Kim", "Vos"), ("Lars", "Peters"),
]  # fmt: skip
