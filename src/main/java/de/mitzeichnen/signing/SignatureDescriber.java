package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.util.Locale;

/** Human words for a signature: its role and its municipality, in a given language. */
@Singleton
public class SignatureDescriber {

    private final MunicipalityRegister register;
    private final ForeignMunicipalities foreign;
    private final Texts texts;

    SignatureDescriber(MunicipalityRegister register, ForeignMunicipalities foreign, Texts texts) {
        this.register = register;
        this.foreign = foreign;
        this.texts = texts;
    }

    public record Description(String role, String municipality, String land) {}

    public Description describe(Signature s, Locale locale) {
        Signature.Signer signer = s.signer();
        String role =
                signer.role() == SignerRole.OTHER && signer.roleOther() != null
                        ? signer.roleOther()
                        : texts.get(locale, signer.role().messageKey());
        Signature.Place place = s.place();
        if (place.municipalityAgs() != null) {
            Municipality m = register.findByAgs(place.municipalityAgs()).orElse(null);
            return m == null
                    ? new Description(role, place.municipalityAgs(), "")
                    : new Description(role, m.displayName(), m.landName());
        }
        if (place.districtAgs() != null) {
            return register.district(place.districtAgs())
                    .map(d -> new Description(role, d.displayName(), d.landName()))
                    .orElse(new Description(role, place.districtAgs(), ""));
        }
        if (place.foreignMunicipalityId() != null) {
            return foreign.findById(place.foreignMunicipalityId())
                    .map(
                            f ->
                                    new Description(
                                            role,
                                            f.name()
                                                    + " ("
                                                    + new Locale("", f.country())
                                                            .getDisplayCountry(locale)
                                                    + ")",
                                            ""))
                    .orElse(new Description(role, "", ""));
        }
        return new Description(role, "", "");
    }
}
