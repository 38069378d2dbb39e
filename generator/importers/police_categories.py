"""Every police offence category of the borough-level publication, and what it counts towards."""

from __future__ import annotations

from generator.importers.crime_measures import Feeds

# Short names so the table below reads as a list.
TOTAL_ONLY = Feeds.TOTAL_ONLY
DWELLING = Feeds.DWELLING_BURGLARY
RESIDENTIAL = Feeds.RESIDENTIAL_BURGLARY
HOME = Feeds.HOME_BURGLARY
UNCONNECTED = Feeds.UNCONNECTED_BURGLARY
VEHICLE_TAKEN = Feeds.THEFT_OF_VEHICLE
AGGRAVATED_TAKING = Feeds.AGGRAVATED_VEHICLE_TAKING
FROM_VEHICLE = Feeds.THEFT_FROM_VEHICLE
SEXUAL = Feeds.SEXUAL_OFFENCES

# Every police offence category (major, minor) seen in the publication, spelt exactly as printed,
# and what it counts towards. Every category counts towards total offences. A category that is
# not here stops the import, so a renamed or new police category is never silently miscounted:
# add it, with what it counts towards, and import again. Aggravated vehicle taking counts towards
# theft of motor vehicles, whose definition includes taking a vehicle without consent.
CATEGORIES: dict[tuple[str, str], Feeds] = {
    # Granular names, in files published up to early 2024.
    ("Arson and Criminal Damage", "Arson"): TOTAL_ONLY,
    ("Arson and Criminal Damage", "Criminal Damage"): TOTAL_ONLY,
    ("Burglary", "Burglary Business and Community"): TOTAL_ONLY,
    ("Burglary", "Domestic Burglary"): DWELLING,
    ("Drug Offences", "Drug Trafficking"): TOTAL_ONLY,
    ("Drug Offences", "Possession of Drugs"): TOTAL_ONLY,
    ("Historical Fraud and Forgery", "Historical Fraud and Forgery"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Absconding from Lawful Custody"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Aiding Suicide"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Bail Offences"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Bigamy"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Concealing an Infant Death Close to Birth"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Dangerous Driving"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Disclosure, Obstruction, False or Misleading State"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Exploitation of Prostitution"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Forgery or Use of Drug Prescription"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Fraud or Forgery Associated with Driver Records"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Going Equipped for Stealing"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Handling Stolen Goods"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Making, Supplying or Possessing Articles for use i"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Obscene Publications"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Offender Management Act"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Other Forgery"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Other Notifiable Offences"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Perjury"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Perverting Course of Justice"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Possession of False Documents"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Profitting From or Concealing Proceeds of Crime"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Soliciting for Prostitution"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Threat or Possession With Intent to Commit Crimina"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Wildlife Crime"): TOTAL_ONLY,
    ("Possession of Weapons", "Other Firearm Offences"): TOTAL_ONLY,
    ("Possession of Weapons", "Other Knife Offences"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Article with Blade or Point"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Firearm with Intent"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Firearms Offences"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Other Weapon"): TOTAL_ONLY,
    ("Public Order Offences", "Other Offences Against the State, or Public Order"): TOTAL_ONLY,
    ("Public Order Offences", "Public Fear Alarm or Distress"): TOTAL_ONLY,
    ("Public Order Offences", "Racially or Religiously Aggravated Public Fear, Al"): TOTAL_ONLY,
    ("Public Order Offences", "Violent Disorder"): TOTAL_ONLY,
    ("Robbery", "Robbery of Business Property"): TOTAL_ONLY,
    ("Robbery", "Robbery of Personal Property"): TOTAL_ONLY,
    ("Sexual Offences", "Other Sexual Offences"): SEXUAL,
    ("Sexual Offences", "Rape"): SEXUAL,
    ("Theft", "Bicycle Theft"): TOTAL_ONLY,
    ("Theft", "Other Theft"): TOTAL_ONLY,
    ("Theft", "Shoplifting"): TOTAL_ONLY,
    ("Theft", "Theft from Person"): TOTAL_ONLY,
    ("Vehicle Offences", "Aggravated Vehicle Taking"): AGGRAVATED_TAKING,
    ("Vehicle Offences", "Interfering with a Motor Vehicle"): TOTAL_ONLY,
    ("Vehicle Offences", "Theft from a Motor Vehicle"): FROM_VEHICLE,
    ("Vehicle Offences", "Theft or Taking of a Motor Vehicle"): VEHICLE_TAKEN,
    ("Violence Against the Person", "Homicide"): TOTAL_ONLY,
    ("Violence Against the Person", "Violence with Injury"): TOTAL_ONLY,
    ("Violence Against the Person", "Violence without Injury"): TOTAL_ONLY,
    # Upper-case names, in files published from 2025. "BURGLARY IN A DWELLING" ends in
    # February 2024, when "BURGLARY - RESIDENTIAL" (which adds sheds and garages) takes over.
    ("ARSON AND CRIMINAL DAMAGE", "ARSON"): TOTAL_ONLY,
    ("ARSON AND CRIMINAL DAMAGE", "CRIMINAL DAMAGE"): TOTAL_ONLY,
    ("BURGLARY", "BURGLARY - RESIDENTIAL"): RESIDENTIAL,
    ("BURGLARY", "BURGLARY BUSINESS AND COMMUNITY"): TOTAL_ONLY,
    ("BURGLARY", "BURGLARY IN A DWELLING"): DWELLING,
    ("BURGLARY", "BURGLARY NON-DWELLING"): TOTAL_ONLY,
    ("DRUG OFFENCES", "POSSESSION OF DRUGS"): TOTAL_ONLY,
    ("DRUG OFFENCES", "TRAFFICKING OF DRUGS"): TOTAL_ONLY,
    ("FRAUD AND FORGERY", "FRAUD AND FORGERY"): TOTAL_ONLY,
    ("MISCELLANEOUS CRIMES AGAINST SOCIETY", "MISC CRIMES AGAINST SOCIETY"): TOTAL_ONLY,
    ("NFIB FRAUD", "NFIB"): TOTAL_ONLY,
    ("POSSESSION OF WEAPONS", "POSSESSION OF WEAPONS"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "OTHER OFFENCES PUBLIC ORDER"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "PUBLIC FEAR ALARM OR DISTRESS"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "RACE OR RELIGIOUS AGG PUBLIC FEAR"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "VIOLENT DISORDER"): TOTAL_ONLY,
    ("ROBBERY", "ROBBERY OF BUSINESS PROPERTY"): TOTAL_ONLY,
    ("ROBBERY", "ROBBERY OF PERSONAL PROPERTY"): TOTAL_ONLY,
    ("SEXUAL OFFENCES", "OTHER SEXUAL OFFENCES"): SEXUAL,
    ("SEXUAL OFFENCES", "RAPE"): SEXUAL,
    ("THEFT", "BICYCLE THEFT"): TOTAL_ONLY,
    ("THEFT", "OTHER THEFT"): TOTAL_ONLY,
    ("THEFT", "SHOPLIFTING"): TOTAL_ONLY,
    ("THEFT", "THEFT FROM THE PERSON"): TOTAL_ONLY,
    ("VEHICLE OFFENCES", "AGGRAVATED VEHICLE TAKING"): AGGRAVATED_TAKING,
    ("VEHICLE OFFENCES", "INTERFERING WITH A MOTOR VEHICLE"): TOTAL_ONLY,
    ("VEHICLE OFFENCES", "THEFT FROM A VEHICLE"): FROM_VEHICLE,
    ("VEHICLE OFFENCES", "THEFT OR UNAUTH TAKING OF A MOTOR VEH"): VEHICLE_TAKEN,
    ("VIOLENCE AGAINST THE PERSON", "HOMICIDE"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "VIOLENCE WITH INJURY"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "VIOLENCE WITHOUT INJURY"): TOTAL_ONLY,
    # Names added when the police restated their categories (files extracted from late 2024,
    # including the Parquet conversions): burglary of a home and of unconnected buildings (sheds,
    # garages) are separate, and the older "DOMESTIC BURGLARY" runs until the change.
    ("BURGLARY", "DOMESTIC BURGLARY"): DWELLING,
    ("BURGLARY", "RES BURGLARY OF A HOME"): HOME,
    ("BURGLARY", "RES BURGLARY OF UNCONNECTED BUILDING"): UNCONNECTED,
    ("PUBLIC ORDER OFFENCES", "PUBLIC FEAR, ALARM OR DISTRESS"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "DEATH SERIOUS INJURY ILLEGAL DRIVING"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "STALKING AND HARASSMENT"): TOTAL_ONLY,
}
