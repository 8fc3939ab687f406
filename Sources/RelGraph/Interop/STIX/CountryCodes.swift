/// ISO 3166-1 alpha-2 country codes with their common English short names, for
/// STIX `location` objects: relgraph states are exported with `country`, and
/// imported locations that name only a country become states.
///
/// Written for relgraph from the public ISO 3166-1 list (249 codes, 2024); the
/// first name of each line is the one relgraph uses, the others (after `|`) are
/// accepted when matching names.
enum CountryCodes {
    /// Codes by lowercased name or alternative name.
    static let codeByName: [String: String] = {
        var map: [String: String] = [:]
        for (code, names) in entries {
            for name in names { map[name.lowercased()] = code }
        }
        return map
    }()

    /// The first (common) name of each code.
    static let nameByCode: [String: String] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0.names[0]) })

    /// The code of a country named `name` (case-insensitive), if it is one.
    static func code(forName name: String) -> String? {
        codeByName[name.trimmingWhitespace.lowercased()]
    }

    /// The country's common name for an alpha-2 code (any case).
    static func name(forCode code: String) -> String? {
        nameByCode[code.uppercased()]
    }

    private static let entries: [(code: String, names: [String])] = table.split(separator: "\n").map { line in
        let code = String(line.prefix(2))
        return (code, line.dropFirst(3).split(separator: "|").map(String.init))
    }

    private static let table = """
        AD Andorra
        AE United Arab Emirates|UAE
        AF Afghanistan
        AG Antigua and Barbuda
        AI Anguilla
        AL Albania
        AM Armenia
        AO Angola
        AQ Antarctica
        AR Argentina
        AS American Samoa
        AT Austria
        AU Australia
        AW Aruba
        AX Åland Islands
        AZ Azerbaijan
        BA Bosnia and Herzegovina
        BB Barbados
        BD Bangladesh
        BE Belgium
        BF Burkina Faso
        BG Bulgaria
        BH Bahrain
        BI Burundi
        BJ Benin
        BL Saint Barthélemy
        BM Bermuda
        BN Brunei|Brunei Darussalam
        BO Bolivia
        BQ Bonaire, Sint Eustatius and Saba
        BR Brazil
        BS Bahamas
        BT Bhutan
        BV Bouvet Island
        BW Botswana
        BY Belarus
        BZ Belize
        CA Canada
        CC Cocos (Keeling) Islands
        CD Democratic Republic of the Congo|DR Congo|DRC
        CF Central African Republic
        CG Republic of the Congo|Congo
        CH Switzerland
        CI Côte d'Ivoire|Ivory Coast
        CK Cook Islands
        CL Chile
        CM Cameroon
        CN China|People's Republic of China|PRC
        CO Colombia
        CR Costa Rica
        CU Cuba
        CV Cabo Verde|Cape Verde
        CW Curaçao
        CX Christmas Island
        CY Cyprus
        CZ Czechia|Czech Republic
        DE Germany
        DJ Djibouti
        DK Denmark
        DM Dominica
        DO Dominican Republic
        DZ Algeria
        EC Ecuador
        EE Estonia
        EG Egypt
        EH Western Sahara
        ER Eritrea
        ES Spain
        ET Ethiopia
        FI Finland
        FJ Fiji
        FK Falkland Islands
        FM Micronesia
        FO Faroe Islands
        FR France
        GA Gabon
        GB United Kingdom|UK|Great Britain|Britain
        GD Grenada
        GE Georgia
        GF French Guiana
        GG Guernsey
        GH Ghana
        GI Gibraltar
        GL Greenland
        GM Gambia
        GN Guinea
        GP Guadeloupe
        GQ Equatorial Guinea
        GR Greece
        GS South Georgia and the South Sandwich Islands
        GT Guatemala
        GU Guam
        GW Guinea-Bissau
        GY Guyana
        HK Hong Kong
        HM Heard Island and McDonald Islands
        HN Honduras
        HR Croatia
        HT Haiti
        HU Hungary
        ID Indonesia
        IE Ireland
        IL Israel
        IM Isle of Man
        IN India
        IO British Indian Ocean Territory
        IQ Iraq
        IR Iran|Islamic Republic of Iran
        IS Iceland
        IT Italy
        JE Jersey
        JM Jamaica
        JO Jordan
        JP Japan
        KE Kenya
        KG Kyrgyzstan
        KH Cambodia
        KI Kiribati
        KM Comoros
        KN Saint Kitts and Nevis
        KP North Korea|Democratic People's Republic of Korea|DPRK
        KR South Korea|Republic of Korea
        KW Kuwait
        KY Cayman Islands
        KZ Kazakhstan
        LA Laos
        LB Lebanon
        LC Saint Lucia
        LI Liechtenstein
        LK Sri Lanka
        LR Liberia
        LS Lesotho
        LT Lithuania
        LU Luxembourg
        LV Latvia
        LY Libya
        MA Morocco
        MC Monaco
        MD Moldova
        ME Montenegro
        MF Saint Martin (French part)
        MG Madagascar
        MH Marshall Islands
        MK North Macedonia
        ML Mali
        MM Myanmar|Burma
        MN Mongolia
        MO Macao|Macau
        MP Northern Mariana Islands
        MQ Martinique
        MR Mauritania
        MS Montserrat
        MT Malta
        MU Mauritius
        MV Maldives
        MW Malawi
        MX Mexico
        MY Malaysia
        MZ Mozambique
        NA Namibia
        NC New Caledonia
        NE Niger
        NF Norfolk Island
        NG Nigeria
        NI Nicaragua
        NL Netherlands
        NO Norway
        NP Nepal
        NR Nauru
        NU Niue
        NZ New Zealand
        OM Oman
        PA Panama
        PE Peru
        PF French Polynesia
        PG Papua New Guinea
        PH Philippines
        PK Pakistan
        PL Poland
        PM Saint Pierre and Miquelon
        PN Pitcairn
        PR Puerto Rico
        PS Palestine|State of Palestine
        PT Portugal
        PW Palau
        PY Paraguay
        QA Qatar
        RE Réunion
        RO Romania
        RS Serbia
        RU Russia|Russian Federation
        RW Rwanda
        SA Saudi Arabia
        SB Solomon Islands
        SC Seychelles
        SD Sudan
        SE Sweden
        SG Singapore
        SH Saint Helena, Ascension and Tristan da Cunha
        SI Slovenia
        SJ Svalbard and Jan Mayen
        SK Slovakia
        SL Sierra Leone
        SM San Marino
        SN Senegal
        SO Somalia
        SR Suriname
        SS South Sudan
        ST Sao Tome and Principe
        SV El Salvador
        SX Sint Maarten (Dutch part)
        SY Syria|Syrian Arab Republic
        SZ Eswatini|Swaziland
        TC Turks and Caicos Islands
        TD Chad
        TF French Southern Territories
        TG Togo
        TH Thailand
        TJ Tajikistan
        TK Tokelau
        TL Timor-Leste|East Timor
        TM Turkmenistan
        TN Tunisia
        TO Tonga
        TR Türkiye|Turkey
        TT Trinidad and Tobago
        TV Tuvalu
        TW Taiwan
        TZ Tanzania
        UA Ukraine
        UG Uganda
        UM United States Minor Outlying Islands
        US United States|United States of America|USA|US
        UY Uruguay
        UZ Uzbekistan
        VA Holy See|Vatican City|Vatican
        VC Saint Vincent and the Grenadines
        VE Venezuela
        VG British Virgin Islands|Virgin Islands, British
        VI United States Virgin Islands|Virgin Islands, U.S.
        VN Vietnam|Viet Nam
        VU Vanuatu
        WF Wallis and Futuna
        WS Samoa
        YE Yemen
        YT Mayotte
        ZA South Africa
        ZM Zambia
        ZW Zimbabwe
        """
}
