package io.ringline.gateway.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTest {

    @Test
    void aPayloadBecomesAPngThatAQrReaderReadsBack() {
        String payload = "2@ZGVtby1yZWZlcmVuY2U=,bm9pc2Uta2V5LWJhc2U2NA==,aWRlbnRpdHkta2V5,YWR2LXNlY3JldA==";
        byte[] png = QrImages.png(payload);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(decode(png)).isEqualTo(payload);
    }

    @Test
    void emptyOrOversizedPayloadsAreRefused() {
        assertThatThrownBy(() -> QrImages.png("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrImages.png("x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads a QR code PNG with ZXing's reader (an independent check of what the writer drew). */
    static String decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            var bitmap = new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            return new QRCodeReader().decode(bitmap).getText();
        } catch (IOException | NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("not a readable QR code", e);
        }
    }
}
